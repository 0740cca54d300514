#pragma once

// Pool<T>: records of one kind (requests, call states, events in transit, deliveries) that come
// and go during a replication, reused without reallocating, and named by generation-checked
// handles so that a timer or an answer for a record that has since gone (or been reused) is
// recognised as stale instead of acting on the wrong record.
//
// A Handle<T> names one *use* of a slot: its index and the slot's generation when the handle was
// made. The generation changes when the value is freed and when the owner renews it (renew(): a
// new epoch of the same value, e.g. a call's next attempt, after which the previous attempt's
// timers and answers are stale). Generations are 32 bits: a handle could only be mistaken for a
// live one after 2^32 reuses of its slot while it is still held, which no pending timer lives to
// see.
//
// Guarantees:
//  - References and pointers to values stay valid while the pool grows (storage is chunked and
//    never moves); a value's reference is valid until it is freed.
//  - Reuse order is deterministic: the most recently freed slot first, else a new slot at the
//    end; for_each visits live values in index order. Nothing depends on addresses or hashing.
//  - Misuse is asserted: freeing, renewing or dereferencing (operator[]) a stale or default
//    handle. get() is the check for handles that may be stale (timers, late answers).
//
// Not thread-safe; one pool per replication.

#include <cassert>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace ripple::sim {

template <typename T>
struct Handle {
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  std::uint32_t index = kNone;
  std::uint32_t generation = 0;

  // False for a default-constructed handle (names nothing).
  [[nodiscard]] constexpr bool valid() const { return index != kNone; }
  // The handle as one 64-bit word (an engine event argument) and back.
  [[nodiscard]] constexpr std::uint64_t pack() const {
    return (static_cast<std::uint64_t>(index) << 32) | generation;
  }
  [[nodiscard]] static constexpr Handle unpack(std::uint64_t word) {
    return Handle{static_cast<std::uint32_t>(word >> 32), static_cast<std::uint32_t>(word)};
  }
  constexpr bool operator==(const Handle&) const = default;
};

template <typename T>
class Pool {
 public:
  using Handle = sim::Handle<T>;

  Pool() = default;
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;
  Pool(Pool&&) noexcept = default;
  Pool& operator=(Pool&&) noexcept = default;

  // Stores `value` in a free slot and returns its handle.
  [[nodiscard]] Handle allocate(T value) {
    std::uint32_t index;
    if (!free_.empty()) {
      index = free_.back();
      free_.pop_back();
    } else {
      index = grow();
    }
    Slot& slot = slot_at(index);
    slot.value = std::move(value);
    slot.live = true;
    ++live_;
    return Handle{index, slot.generation};
  }

  // Ends the value's use: every handle to it goes stale. REQUIRES: alive(handle).
  void free(Handle handle) {
    Slot& slot = checked(handle);
    slot.live = false;
    ++slot.generation;
    --live_;
    free_.push_back(handle.index);
  }

  // A new handle to the same live value; every earlier handle to it goes stale.
  // REQUIRES: alive(handle).
  [[nodiscard]] Handle renew(Handle handle) {
    Slot& slot = checked(handle);
    return Handle{handle.index, ++slot.generation};
  }

  // Whether `handle` names a live value (false for stale and default handles).
  [[nodiscard]] bool alive(Handle handle) const {
    if (handle.index >= size_) return false;
    const Slot& slot = slot_at(handle.index);
    return slot.live && slot.generation == handle.generation;
  }

  // The value `handle` names, or nullptr when the handle is stale.
  [[nodiscard]] T* get(Handle handle) {
    return alive(handle) ? &slot_at(handle.index).value : nullptr;
  }
  [[nodiscard]] const T* get(Handle handle) const {
    return alive(handle) ? &slot_at(handle.index).value : nullptr;
  }

  // The value `handle` names. REQUIRES: alive(handle) (asserted).
  [[nodiscard]] T& operator[](Handle handle) { return checked(handle).value; }
  [[nodiscard]] const T& operator[](Handle handle) const {
    assert(alive(handle));
    return slot_at(handle.index).value;
  }

  // Calls f(handle, value) for every live value, in index order. `f` may allocate and free; it
  // sees the values live when it reaches their index.
  template <typename F>
  void for_each(F&& f) {
    for (std::uint32_t i = 0; i < size_; ++i) {
      Slot& slot = slot_at(i);
      if (slot.live) f(Handle{i, slot.generation}, slot.value);
    }
  }
  template <typename F>
  void for_each(F&& f) const {
    for (std::uint32_t i = 0; i < size_; ++i) {
      const Slot& slot = slot_at(i);
      if (slot.live) f(Handle{i, slot.generation}, slot.value);
    }
  }

  [[nodiscard]] std::size_t live() const { return live_; }      // values allocated, not freed
  [[nodiscard]] std::size_t capacity() const { return size_; }  // slots ever created

 private:
  struct Slot {
    T value{};
    std::uint32_t generation = 0;
    bool live = false;
  };
  static constexpr std::uint32_t kChunkBits = 8;  // 256 slots per chunk
  static constexpr std::uint32_t kChunk = 1u << kChunkBits;

  std::uint32_t grow() {
    assert(size_ < Handle::kNone);
    if (size_ % kChunk == 0) chunks_.push_back(std::make_unique<Slot[]>(kChunk));
    return size_++;
  }
  Slot& slot_at(std::uint32_t index) { return chunks_[index >> kChunkBits][index & (kChunk - 1)]; }
  const Slot& slot_at(std::uint32_t index) const {
    return chunks_[index >> kChunkBits][index & (kChunk - 1)];
  }
  Slot& checked(Handle handle) {
    assert(alive(handle));
    return slot_at(handle.index);
  }

  std::vector<std::unique_ptr<Slot[]>> chunks_;
  std::vector<std::uint32_t> free_;  // freed slots, reused last-in first-out
  std::uint32_t size_ = 0;
  std::size_t live_ = 0;
};

}  // namespace ripple::sim
