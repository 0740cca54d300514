#include "cli/import/build_spec.h"

#include <algorithm>
#include <filesystem>
#include <tuple>

#include "cli/import/build_internal.h"
#include "cli/import/figures.h"

namespace ripple::importer {
namespace detail {
namespace {

// A service named after its file when `info.title` gives no name: `orders.yaml` -> orders; a
// generic file name (`backend/asyncapi.yaml`) takes its directory's name.
std::string name_from_path(const std::string& path) {
  const std::filesystem::path p(path);
  std::string stem = p.stem().string();
  static const std::set<std::string> kGeneric = {"asyncapi", "api", "index", "spec", "schema"};
  if (kGeneric.count(stem) > 0 && p.has_parent_path()) stem = p.parent_path().filename().string();
  return kebab_name(stem);
}

template <typename T, typename Key>
void sort_by(std::vector<T>& list, Key key) {
  std::stable_sort(list.begin(), list.end(),
                   [&](const T& a, const T& b) { return key(a) < key(b); });
}

}  // namespace

OutSpec Builder::build(const BuildOptions& options) {
  name_services();
  joined_ = join_channels(apps_);
  plan_events();
  make_brokers();
  make_events();
  make_operations();
  spec_.name = spec_name(options);
  finish();
  return std::move(spec_);
}

void Builder::name_services() {
  for (const Application& app : apps_) {
    std::string base = kebab_name(app.title);
    if (base.empty()) base = name_from_path(app.doc->path);
    if (base.empty()) base = "service";
    OutService service;
    service.name = components_.unique(base);
    service_names_.insert(service.name);
    service.description = app.description;
    service.replicas =
        figure_from({{&app.extensions, "info"}}, &Extensions::replicas, "x-ripple-replicas",
                    {kDefaultReplicas, "replicas", "the replicas of service `" + service.name + "`",
                     "the document's `info`", app.at});
    spec_.services.push_back(std::move(service));
    operation_names_.emplace_back();
    spec_.header.push_back(app.doc->path + ": AsyncAPI " + app.version +
                           (app.title.empty() ? "" : ", " + app.title));
  }
}

std::string Builder::spec_name(const BuildOptions& options) const {
  if (!options.name.empty()) return options.name;
  if (apps_.size() == 1) return spec_.services.front().name;
  // The directory the documents share: social-media/{backend,frontend}/asyncapi.yaml ->
  // social-media.
  std::filesystem::path common = std::filesystem::path(apps_.front().doc->path).parent_path();
  for (const Application& app : apps_) {
    const std::filesystem::path dir = std::filesystem::path(app.doc->path).parent_path();
    std::filesystem::path shared;
    for (auto a = common.begin(), b = dir.begin(); a != common.end() && b != dir.end() && *a == *b;
         ++a, ++b)
      shared /= *a;
    common = shared;
  }
  std::string name = kebab_name(common.lexically_normal().filename().string());
  if (name.empty()) {  // they share only the working directory, or a `..`: name it
    std::error_code error;
    std::filesystem::path dir =
        std::filesystem::absolute(common.empty() ? "." : common, error).lexically_normal();
    if (dir.filename().empty()) dir = dir.parent_path();
    if (!error) name = kebab_name(dir.filename().string());
  }
  return name.empty() ? "imported-system" : name;
}

void Builder::finish() {
  sort_by(spec_.brokers, [](const OutBroker& b) { return b.name; });
  sort_by(spec_.entities, [](const OutEntity& e) { return e.name; });
  for (OutEntity& e : spec_.entities) sort_by(e.fields, [](const OutField& f) { return f.name; });
  sort_by(spec_.events, [](const OutEvent& e) { return e.name; });
  for (OutService& s : spec_.services) {
    // By what they send, so that a document that leaves its operations unnamed (2.x without
    // operationId) lists them in the same order as one that names them.
    sort_by(s.operations, [](const OutOperation& o) {
      return std::make_pair(o.publishes.empty() ? std::string() : o.publishes.front(), o.name);
    });
    sort_by(s.consumers, [](const OutConsumer& c) { return c.event; });
  }
  sort_by(spec_.services, [](const OutService& s) { return s.name; });
  sort_by(spec_.sources, [](const OutSource& s) {
    return std::make_tuple(s.to.substr(0, s.to.find('.')), s.event, s.to);
  });
}

std::vector<Level> Builder::levels(const OperationRef& ref) const {
  const Application& app = apps_[ref.app];
  return {{&operation(ref).extensions, "operation"},
          {&channel_of(ref).extensions, "channel"},
          {&app.extensions, "info"}};
}

std::string Builder::address_of(const JoinedChannel& channel) const {
  const auto& [a, c] = channel.instances.front();
  return apps_[a].channels[c].address;
}

std::string Builder::service_list(std::vector<OperationRef> refs) const {
  std::vector<std::string> names;
  for (const OperationRef& ref : refs) names.push_back(spec_.services[ref.app].name);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out.empty() ? "none of the documents" : out;
}

}  // namespace detail

OutSpec build_spec(const std::vector<Application>& apps, const BuildOptions& options,
                   Problems& problems) {
  detail::Builder builder(apps, problems);
  return builder.build(options);
}

}  // namespace ripple::importer
