// The phases of an execution between its start and its answer. Order per execution: its own
// time, store reads, calls, store writes, publishes; the handling of a delivery runs its
// callbacks first.

#include "simulator/brokers.h"
#include "simulator/calls.h"
#include "simulator/consumers.h"
#include "simulator/requests.h"
#include "simulator/stores.h"

namespace ripple::sim {

// The execution's own time (a handling's comes after its callbacks), scaled by the service's
// slow factor.
void Requests::start_time(RequestHandle handle) {
  Request& request = requests_[handle];
  request.phase = Phase::Time;
  if (request.consumer >= 0) consumers_->mark_touched(request.delivery);
  const auto w = static_cast<std::size_t>(request.work);
  const TimeNs time = slowed(sample_ns(layout_.work(request.work).time, work_rng_[w]),
                             service_state(request.service).slow);
  engine_.schedule_in<&Requests::on_time_done>(time, this, handle.pack());
}

void Requests::on_time_done(std::uint64_t request) {
  const RequestHandle handle = RequestHandle::unpack(request);
  Request* live = requests_.get(handle);
  if (!live) return;
  const model::Work& work = layout_.work(live->work);
  if (work.reads.empty() && work.calls.empty() && work.writes.empty() && work.publishes.empty()) {
    // Nothing after its own time: straight to the answer, in the state the phases would leave.
    live->phase = Phase::Writes;
    live->step = 0;
    live->pending_calls = 0;
    live->call_failed = false;
    finish(handle, Answer::Ok);
    return;
  }
  live->phase = Phase::Reads;
  live->step = 0;
  run_store_phase(handle);
}

// Batched writes hand their rows to the batcher and go on at once: the batch's transaction runs
// later on its own, holding a connection but no worker.
void Requests::run_store_phase(RequestHandle handle) {
  Request& request = requests_[handle];
  const model::Work& work = layout_.work(request.work);
  const auto& accesses = request.phase == Phase::Reads ? work.reads : work.writes;
  if (request.phase == Phase::Writes) {
    while (static_cast<std::size_t>(request.step) < accesses.size() &&
           accesses[static_cast<std::size_t>(request.step)].batch) {
      stores_->add_to_batch(layout_.batcher(request.work, request.step),
                            accesses[static_cast<std::size_t>(request.step)],
                            layout_.store_access(request.work, true, request.step));
      ++request.step;
    }
  }
  if (static_cast<std::size_t>(request.step) < accesses.size()) {
    begin_transaction(handle);
  } else if (request.phase == Phase::Reads) {
    begin_calls(handle);
  } else {
    finish(handle, publish(handle));
  }
}

void Requests::begin_transaction(RequestHandle handle) {
  Request& request = requests_[handle];
  const model::Work& work = layout_.work(request.work);
  const auto& accesses = request.phase == Phase::Reads ? work.reads : work.writes;
  const model::StoreAccess& access = accesses[static_cast<std::size_t>(request.step)];
  switch (stores_->request(
      access.store, handle, access.rows,
      layout_.store_access(request.work, request.phase == Phase::Writes, request.step))) {
    case Stores::Grant::Refused:
      finish(handle, Answer::Error);
      break;
    case Stores::Grant::Started:
      request.held_store = access.store;
      break;
    case Stores::Grant::Queued:
      break;
  }
}

void Requests::on_transaction_done(std::uint64_t request) {
  const RequestHandle handle = RequestHandle::unpack(request);
  Request* live = requests_.get(handle);
  if (!live) return;  // its connection was released when it died
  release_held_connection(*live);
  ++live->step;
  run_store_phase(handle);
}

void Requests::begin_calls(RequestHandle handle) {
  Request& request = requests_[handle];
  request.phase = Phase::Calls;
  request.step = 0;
  request.pending_calls = 0;
  request.call_failed = false;
  next_sequential_call(handle);
}

// Makes the next call, or the next parallel group at once (a run of calls sharing a group),
// skipping calls not made this time. Answers never arrive synchronously (even immediate failures
// go through the event queue), so counting while launching cannot reach zero early.
void Requests::next_sequential_call(RequestHandle handle) {
  const int work_id = requests_[handle].work;
  const std::vector<model::Call>& calls = layout_.work(work_id).calls;
  const int first_edge = layout_.edge_offset(work_id);
  while (static_cast<std::size_t>(requests_[handle].step) < calls.size()) {
    Request& request = requests_[handle];
    const int group = calls[static_cast<std::size_t>(request.step)].group;
    int end = request.step + 1;
    while (group >= 0 && static_cast<std::size_t>(end) < calls.size() &&
           calls[static_cast<std::size_t>(end)].group == group)
      ++end;
    const int begin = request.step;
    request.step = end;
    for (int c = begin; c < end; ++c) {
      if (!calls_->made(first_edge + c)) continue;
      ++requests_[handle].pending_calls;
      calls_->launch(handle, first_edge + c);
    }
    if (requests_[handle].pending_calls > 0) return;
  }
  begin_writes(handle);
}

// A handling calls back, one after the other, the owner of each entity its event lacks.
void Requests::next_callback(RequestHandle handle) {
  Request& request = requests_[handle];
  if (request.step < layout_.callbacks(request.consumer)) {
    const int edge = layout_.callback_offset(request.consumer) + request.step;
    ++request.step;
    request.pending_calls = 1;
    calls_->launch(handle, edge);
    return;
  }
  start_time(handle);
}

void Requests::on_call_done(RequestHandle handle, Answer answer, model::OnFailure on_failure) {
  Request& request = requests_[handle];
  const bool fatal = answer != Answer::Ok && on_failure == model::OnFailure::Fail;
  --request.pending_calls;
  if (request.phase == Phase::Callbacks) {
    if (fatal) {
      finish(handle, Answer::Error);
    } else {
      next_callback(handle);
    }
    return;
  }
  if (fatal) request.call_failed = true;
  if (request.pending_calls > 0) return;
  if (request.call_failed) {
    finish(handle, Answer::Error);
  } else {
    next_sequential_call(handle);
  }
}

void Requests::begin_writes(RequestHandle handle) {
  Request& request = requests_[handle];
  request.phase = Phase::Writes;
  request.step = 0;
  run_store_phase(handle);
}

Answer Requests::publish(RequestHandle handle) {
  const Request& request = requests_[handle];
  const auto& publishes = layout_.work(request.work).publishes;
  if (publishes.empty()) return Answer::Ok;
  return brokers_->publish(
      publishes, Publisher{request.service, request.replica, request.root, request.root_measured,
                           request.key_entity, request.key, request.span});
}

}  // namespace ripple::sim
