#include "cli/review/spec_diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "cli/format/figures.h"
#include "cli/review/simulation_diff.h"

namespace ripple::cli {
namespace {

using Names = std::vector<std::string>;

// Appends `name` once, keeping first-seen order (output must not depend on hashing).
void add_unique(Names& names, std::set<std::string>& seen, const std::string& name) {
  if (seen.insert(name).second) names.push_back(name);
}

bool contains(const Names& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

Change make(DiffSection section, ChangeKind kind, Verdict verdict, std::string what,
            std::string subject, std::string detail) {
  Change c;
  c.section = section;
  c.kind = kind;
  c.verdict = verdict;
  c.what = std::move(what);
  c.subject = std::move(subject);
  c.detail = std::move(detail);
  return c;
}

// Added (in head order) and removed (in base order) names of one kind of thing.
void diff_names(DiffSection section, const std::string& what, const Names& base, const Names& head,
                Verdict added, Verdict removed, std::vector<Change>& out) {
  for (const std::string& name : head)
    if (!contains(base, name))
      out.push_back(
          make(section, ChangeKind::Added, added, what, name, "new " + what + " `" + name + "`"));
  for (const std::string& name : base)
    if (!contains(head, name))
      out.push_back(make(section, ChangeKind::Removed, removed, what, name,
                         what + " `" + name + "` removed"));
}

template <typename T>
Names names_of(const std::vector<T>& elements) {
  Names out;
  for (const T& e : elements) out.push_back(e.name);
  return out;
}

Names operation_names(const model::Spec& spec) {
  Names out;
  for (const model::Operation& op : spec.operations) out.push_back(op.full_name);
  return out;
}

void diff_elements(const model::Spec& base, const model::Spec& head, std::vector<Change>& out) {
  const DiffSection s = DiffSection::Elements;
  const Verdict n = Verdict::Neutral;
  diff_names(s, "service", names_of(base.services), names_of(head.services), n, n, out);
  diff_names(s, "operation", operation_names(base), operation_names(head), n, n, out);
  diff_names(s, "event", names_of(base.events), names_of(head.events), n, n, out);
  diff_names(s, "consumer", names_of(base.consumers), names_of(head.consumers), n, n, out);
}

// ---------------------------------------------------------------------------------------------
// Edges

struct Edges {
  Names calls, publishes, callbacks;
};

void add_work_edges(const model::Spec& spec, const std::string& from, const model::Work& work,
                    Edges& edges, std::set<std::string>& seen) {
  for (const model::Call& call : work.calls)
    add_unique(edges.calls, seen, from + " -> " + spec.operations[call.target].full_name);
  for (const model::Publish& p : work.publishes)
    add_unique(edges.publishes, seen, from + " -> " + spec.events[p.event].name);
}

// The read operation a callback for `entity` goes to, or the owner when it declares none.
std::string callback_target(const model::Spec& spec, model::EntityId entity) {
  const model::Entity& e = spec.entities[entity];
  if (e.read) return spec.operations[*e.read].full_name;
  return spec.services[e.owner].name + " (owner of " + e.name + ")";
}

Edges edges_of(const model::Spec& spec) {
  Edges edges;
  std::set<std::string> seen;
  for (const model::Operation& op : spec.operations)
    add_work_edges(spec, op.full_name, op.work, edges, seen);
  for (std::size_t c = 0; c < spec.consumers.size(); ++c) {
    const model::Consumer& consumer = spec.consumers[c];
    add_work_edges(spec, consumer.name, consumer.work, edges, seen);
    for (model::EntityId entity : spec.callback_entities(static_cast<model::ConsumerId>(c)))
      add_unique(edges.callbacks, seen, consumer.name + " -> " + callback_target(spec, entity));
  }
  return edges;
}

void diff_edges(const model::Spec& base, const model::Spec& head, std::vector<Change>& out) {
  const Edges b = edges_of(base), h = edges_of(head);
  const DiffSection s = DiffSection::Edges;
  diff_names(s, "call", b.calls, h.calls, Verdict::Neutral, Verdict::Neutral, out);
  diff_names(s, "publish", b.publishes, h.publishes, Verdict::Neutral, Verdict::Neutral, out);
  // A new callback is new hidden coupling: the consumer now needs the owner up, synchronously.
  diff_names(s, "callback", b.callbacks, h.callbacks, Verdict::Worse, Verdict::Better, out);
}

// ---------------------------------------------------------------------------------------------
// Figures compared between versions

// Every figure a diff judges is better lower: worse when it rose by more than `tolerance`
// (relative), better when it fell by more.
Verdict judge(double before, double after, double tolerance = 1e-9) {
  const double slack = tolerance * std::max(std::fabs(before), 1e-12);
  if (after > before + slack) return Verdict::Worse;
  if (after < before - slack) return Verdict::Better;
  return Verdict::Neutral;
}

void add_figure(std::vector<Change>& out, DiffSection section, const std::string& what,
                const std::string& subject, double before, double after, Verdict verdict) {
  if (before == after) return;
  Change c =
      make(section, ChangeKind::Changed, verdict, what, subject,
           fmt::format("{} of `{}`: {} -> {}", what, subject, Figure{before, FigureStyle::Compact},
                       Figure{after, FigureStyle::Compact}));
  c.before = before;
  c.after = after;
  out.push_back(std::move(c));
}

const analyzers::ServiceCoupling* find_coupling(const analyzers::Analysis& a,
                                                const std::string& name) {
  for (const analyzers::ServiceCoupling& s : a.coupling.services)
    if (s.name == name) return &s;
  return nullptr;
}

std::string cycle_text(const std::vector<std::string>& cycle) {
  return fmt::format("{}", fmt::join(cycle, " -> "));
}

// Cycles compared by their set of members, so the same cycle found from another start matches.
Names cycle_keys(const analyzers::Coupling& c, std::map<std::string, std::string>& text) {
  Names keys;
  for (const auto* list : {&c.sync_cycles, &c.operation_cycles})
    for (const auto& cycle : *list) {
      std::set<std::string> members(cycle.begin(), cycle.end());
      std::string key;
      for (const std::string& m : members) key += m + " ";
      keys.push_back(key);
      text[key] = cycle_text(cycle);
    }
  return keys;
}

void diff_cycles(const analyzers::Analysis& base, const analyzers::Analysis& head,
                 std::vector<Change>& out) {
  std::map<std::string, std::string> text;
  const Names b = cycle_keys(base.coupling, text), h = cycle_keys(head.coupling, text);
  for (const std::string& key : h)
    if (!contains(b, key))
      out.push_back(make(DiffSection::Coupling, ChangeKind::Added, Verdict::Worse, "sync cycle",
                         text[key], "new synchronous call cycle: " + text[key]));
  for (const std::string& key : b)
    if (!contains(h, key))
      out.push_back(make(DiffSection::Coupling, ChangeKind::Removed, Verdict::Better, "sync cycle",
                         text[key], "synchronous call cycle gone: " + text[key]));
}

void diff_coupling(const analyzers::Analysis& base, const analyzers::Analysis& head,
                   std::vector<Change>& out) {
  const DiffSection s = DiffSection::Coupling;
  for (const analyzers::ServiceCoupling& h : head.coupling.services) {
    const analyzers::ServiceCoupling* b = find_coupling(base, h.name);
    if (b == nullptr) continue;
    add_figure(out, s, "ce", h.name, b->ce, h.ce, judge(b->ce, h.ce));
    add_figure(out, s, "ce_sync", h.name, b->ce_sync, h.ce_sync, judge(b->ce_sync, h.ce_sync));
    add_figure(out, s, "ce_async", h.name, b->ce_async, h.ce_async, Verdict::Neutral);
    add_figure(out, s, "ce_hidden", h.name, b->ce_hidden, h.ce_hidden,
               judge(b->ce_hidden, h.ce_hidden));
    add_figure(out, s, "ca", h.name, b->ca, h.ca, Verdict::Neutral);
  }
  diff_cycles(base, head, out);
}

void diff_amplification(const analyzers::Analysis& base, const analyzers::Analysis& head,
                        std::vector<Change>& out) {
  const DiffSection s = DiffSection::Amplification;
  for (const analyzers::Amplification& h : head.amplification)
    for (const analyzers::Amplification& b : base.amplification) {
      if (b.name != h.name || b.kind != h.kind) continue;
      add_figure(out, s, "requests", h.name, b.nominal.requests, h.nominal.requests,
                 judge(b.nominal.requests, h.nominal.requests));
      add_figure(out, s, "worst_case_requests", h.name, b.worst_case.requests,
                 h.worst_case.requests, judge(b.worst_case.requests, h.worst_case.requests));
    }
}

void diff_blast_radius(const analyzers::Analysis& base, const analyzers::Analysis& head,
                       std::vector<Change>& out) {
  for (const analyzers::Cascade& h : head.cascades)
    for (const analyzers::Cascade& b : base.cascades)
      if (b.component == h.component && b.kind == h.kind)
        add_figure(out, DiffSection::BlastRadius, "blast_radius", h.component, b.blast_radius,
                   h.blast_radius, judge(b.blast_radius, h.blast_radius));
}

// Findings matched one for one by (rule, element): `from` minus `minus`.
std::vector<const analyzers::Finding*> unmatched(const std::vector<analyzers::Finding>& from,
                                                 const std::vector<analyzers::Finding>& minus) {
  std::map<std::pair<std::string, std::string>, int> available;
  for (const analyzers::Finding& f : minus) ++available[{f.rule, f.element}];
  std::vector<const analyzers::Finding*> out;
  for (const analyzers::Finding& f : from)
    if (int& left = available[{f.rule, f.element}]; left > 0) {
      --left;
    } else {
      out.push_back(&f);
    }
  return out;
}

void diff_findings(const analyzers::Analysis& base, const analyzers::Analysis& head,
                   std::vector<Change>& out) {
  for (const analyzers::Finding* f : unmatched(head.findings, base.findings))
    out.push_back(make(DiffSection::Findings, ChangeKind::Added, Verdict::Worse, f->rule,
                       f->element, f->message));
  for (const analyzers::Finding* f : unmatched(base.findings, head.findings))
    out.push_back(make(DiffSection::Findings, ChangeKind::Removed, Verdict::Better, f->rule,
                       f->element, f->message));
}

// ---------------------------------------------------------------------------------------------
// Event contracts: what consumers rely on (carried fields, their size and type, the key, order)

// "entity.field" names of a field reference (every field of the entity for `entity.*`).
Names field_names(const model::Spec& spec, const model::FieldRef& ref) {
  const model::Entity& entity = spec.entities[ref.entity];
  Names out;
  for (std::size_t f = 0; f < entity.fields.size(); ++f)
    if (ref.field < 0 || ref.field == static_cast<int>(f))
      out.push_back(entity.name + "." + entity.fields[f].name);
  return out;
}

Names carried(const model::Spec& spec, const model::Event& event) {
  Names out;
  std::set<std::string> seen;
  for (const model::FieldRef& ref : event.carries)
    for (const std::string& name : field_names(spec, ref)) add_unique(out, seen, name);
  return out;
}

const model::Field* find_field(const model::Spec& spec, const std::string& dotted) {
  const std::size_t dot = dotted.find('.');
  const auto entity = spec.find_entity(dotted.substr(0, dot));
  if (!entity) return nullptr;
  const auto field = spec.entities[*entity].find_field(dotted.substr(dot + 1));
  return field ? &spec.entities[*entity].fields[*field] : nullptr;
}

// Consumers of the event (named `event`) in `spec` that need `field`, appended once each.
void add_needers(const model::Spec& spec, const std::string& event, const std::string& field,
                 Names& out, std::set<std::string>& seen) {
  const auto id = spec.find_event(event);
  if (!id) return;
  for (model::ConsumerId c : spec.consumers_of(*id))
    for (const model::FieldRef& ref : spec.consumers[c].needs)
      if (contains(field_names(spec, ref), field)) add_unique(out, seen, spec.consumers[c].name);
}

Names needers(const model::Spec& base, const model::Spec& head, const std::string& event,
              const std::string& field) {
  Names out;
  std::set<std::string> seen;
  add_needers(head, event, field, out, seen);
  add_needers(base, event, field, out, seen);
  return out;
}

Names ordered_consumers(const model::Spec& spec, const std::string& event) {
  Names out;
  if (const auto id = spec.find_event(event))
    for (model::ConsumerId c : spec.consumers_of(*id))
      if (spec.consumers[c].ordered) out.push_back(spec.consumers[c].name);
  return out;
}

std::string joined(const Names& names) { return fmt::format("{}", fmt::join(names, ", ")); }

std::string key_name(const model::Spec& spec, const model::Event& event) {
  if (!event.key) return "";
  const Names names = field_names(spec, *event.key);
  return names.size() == 1 ? names[0] : spec.entities[event.key->entity].name + ".*";
}

// A change to an event's contract: worse when consumers rely on what changed, else neutral.
Verdict broken_for(const Names& relying) {
  return relying.empty() ? Verdict::Neutral : Verdict::Worse;
}

Change contract(Verdict verdict, std::string what, const std::string& event, std::string detail) {
  return make(DiffSection::Contracts, ChangeKind::Changed, verdict, std::move(what), event,
              std::move(detail));
}

void diff_removed_fields(const model::Spec& base, const model::Spec& head, const model::Event& b,
                         const model::Event& h, std::vector<Change>& out) {
  const Names kept = carried(head, h);
  for (const std::string& field : carried(base, b)) {
    if (contains(kept, field)) continue;
    const Names need = needers(base, head, b.name, field);
    out.push_back(contract(
        broken_for(need), "field removed", b.name,
        fmt::format("`{}` no longer carries `{}`{}", b.name, field,
                    need.empty()
                        ? " (no consumer needs it)"
                        : ", which " + joined(need) + (need.size() == 1 ? " needs" : " need"))));
  }
}

std::string field_shape(const model::Field& f) {
  return fmt::format("{}{}", Bytes{f.bytes}, f.type.empty() ? "" : " " + f.type);
}

void diff_retyped_fields(const model::Spec& base, const model::Spec& head, const model::Event& b,
                         const model::Event& h, std::vector<Change>& out) {
  const Names kept = carried(head, h);
  for (const std::string& field : carried(base, b)) {
    if (!contains(kept, field)) continue;
    const model::Field* before = find_field(base, field);
    const model::Field* after = find_field(head, field);
    if (!before || !after || (before->bytes == after->bytes && before->type == after->type))
      continue;
    const Names need = needers(base, head, b.name, field);
    out.push_back(contract(broken_for(need), "field retyped", b.name,
                           fmt::format("`{}` carried by `{}` changed from {} to {}{}", field,
                                       b.name, field_shape(*before), field_shape(*after),
                                       need.empty() ? "" : "; needed by " + joined(need))));
  }
}

void diff_ordering(const model::Spec& base, const model::Spec& head, const model::Event& b,
                   const model::Event& h, std::vector<Change>& out) {
  Names ordered = ordered_consumers(head, h.name);
  const std::string before = key_name(base, b), after = key_name(head, h);
  if (before != after)
    out.push_back(
        contract(broken_for(ordered), "key changed", b.name,
                 fmt::format("key of `{}` changed from `{}` to `{}`{}", b.name,
                             before.empty() ? "none" : before, after.empty() ? "none" : after,
                             ordered.empty() ? "" : " under ordered " + joined(ordered))));
  const bool was_ordered = base.brokers[b.broker].orders_by_key();
  if (was_ordered && !head.brokers[h.broker].orders_by_key())
    out.push_back(contract(broken_for(ordered), "ordering lost", b.name,
                           fmt::format("`{}` moved to broker `{}`, which does not keep per-key "
                                       "order{}",
                                       b.name, head.brokers[h.broker].name,
                                       ordered.empty() ? "" : "; ordered " + joined(ordered))));
}

void diff_contracts(const model::Spec& base, const model::Spec& head, std::vector<Change>& out) {
  for (const model::Event& b : base.events) {
    const auto id = head.find_event(b.name);
    if (!id) {
      Names consumers;
      for (model::ConsumerId c : base.consumers_of(base.event_index.at(b.name)))
        consumers.push_back(base.consumers[c].name);
      if (!consumers.empty())
        out.push_back(
            contract(Verdict::Worse, "event removed", b.name,
                     fmt::format("`{}` removed while {} consumed it", b.name, joined(consumers))));
      continue;
    }
    const model::Event& h = head.events[*id];
    diff_removed_fields(base, head, b, h, out);
    diff_retyped_fields(base, head, b, h, out);
    diff_ordering(base, head, b, h, out);
  }
}

}  // namespace

int SpecDiff::count(Verdict verdict) const {
  return static_cast<int>(std::count_if(changes.begin(), changes.end(),
                                        [&](const Change& c) { return c.verdict == verdict; }));
}

int SpecDiff::count(DiffSection section, Verdict verdict) const {
  return static_cast<int>(std::count_if(changes.begin(), changes.end(), [&](const Change& c) {
    return c.section == section && c.verdict == verdict;
  }));
}

SpecDiff diff_specs(const DiffSide& base, const DiffSide& head) {
  SpecDiff d;
  diff_elements(base.spec, head.spec, d.changes);
  diff_edges(base.spec, head.spec, d.changes);
  diff_coupling(base.analysis, head.analysis, d.changes);
  diff_contracts(base.spec, head.spec, d.changes);
  diff_amplification(base.analysis, head.analysis, d.changes);
  diff_blast_radius(base.analysis, head.analysis, d.changes);
  diff_findings(base.analysis, head.analysis, d.changes);
  if (base.simulation && head.simulation) {
    d.simulated = true;
    d.seed = head.simulation->merged.seed;
    d.replications = static_cast<int>(
        std::min(base.simulation->replications.size(), head.simulation->replications.size()));
    diff_simulation(*base.simulation, *head.simulation, d.changes);
  }
  return d;
}

const char* to_string(DiffSection section) {
  switch (section) {
    case DiffSection::Elements:
      return "elements";
    case DiffSection::Edges:
      return "edges";
    case DiffSection::Coupling:
      return "coupling";
    case DiffSection::Contracts:
      return "contracts";
    case DiffSection::Amplification:
      return "amplification";
    case DiffSection::BlastRadius:
      return "blast_radius";
    case DiffSection::Findings:
      return "findings";
    case DiffSection::Simulation:
      return "simulation";
  }
  return "?";
}

const char* to_string(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::Added:
      return "added";
    case ChangeKind::Removed:
      return "removed";
    case ChangeKind::Changed:
      return "changed";
  }
  return "?";
}

const char* to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::Worse:
      return "worse";
    case Verdict::Better:
      return "better";
    case Verdict::Neutral:
      return "neutral";
  }
  return "?";
}

}  // namespace ripple::cli
