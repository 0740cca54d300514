// `x-ripple-*` extensions: each value is checked with the spec's own parsers (rates, durations,
// distributions, counts), so that what reaches the spec is valid and a mistake is reported where
// it is written in the document.

#include <algorithm>

#include "cli/import/read_common.h"
#include "model/distribution.h"
#include "model/spellcheck.h"
#include "model/units.h"

namespace ripple::importer::detail {
namespace {

// Checks one `x-ripple-*` value; reports and returns nullopt when it is not what it must be.
using Check = std::optional<std::string> (*)(const std::string& text, std::string& hint);

std::optional<std::string> check_rate(const std::string& text, std::string& hint) {
  const auto parsed = model::parse_rate(text);
  if (parsed.ok()) return std::nullopt;
  hint = parsed.error.hint.empty() ? "write a rate such as `200/s`" : parsed.error.hint;
  return "`x-ripple-rate` must be a rate such as `200/s`: " + parsed.error.message;
}

std::optional<std::string> check_distribution(const std::string& text, std::string& hint) {
  const auto parsed = model::parse_distribution(text);
  if (parsed.ok()) return std::nullopt;
  hint = parsed.error.hint.empty() ? "write a duration or a distribution such as `exp(5ms)`"
                                   : parsed.error.hint;
  return "must be a duration or a distribution such as `exp(5ms)`: " + parsed.error.message;
}

std::optional<std::string> check_duration(const std::string& text, std::string& hint) {
  const auto parsed = model::parse_duration(text);
  if (parsed.ok() && parsed.value->ns > 0) return std::nullopt;
  hint = parsed.ok() || parsed.error.hint.empty() ? "write a duration such as `2s`"
                                                  : parsed.error.hint;
  return "must be a duration above zero such as `2s`" +
         (parsed.ok() ? std::string() : ": " + parsed.error.message);
}

std::optional<std::string> check_count(const std::string& text, std::string& hint) {
  if (is_count(text)) return std::nullopt;
  hint = "write a whole number such as `3`";
  return "must be a whole number from 1 to 999999999";
}

struct ExtensionRule {
  const char* key;
  std::optional<GivenFigure> Extensions::*field;
  Check check;
};

constexpr ExtensionRule kExtensionRules[] = {
    {"x-ripple-rate", &Extensions::rate, check_rate},
    {"x-ripple-time", &Extensions::time, check_distribution},
    {"x-ripple-replicas", &Extensions::replicas, check_count},
    {"x-ripple-concurrency", &Extensions::concurrency, check_count},
    {"x-ripple-latency", &Extensions::latency, check_distribution},
    {"x-ripple-timeout", &Extensions::timeout, check_duration},
};

}  // namespace

Extensions read_extensions(Reading& r, Place object) {
  Extensions out;
  if (!object.node->is_map()) return out;
  for (const auto& [key, value] : object.node->entries) {
    if (!key.is_scalar() || key.value.rfind("x-ripple-", 0) != 0) continue;
    const ExtensionRule* rule = nullptr;
    std::vector<std::string> known;
    for (const ExtensionRule& candidate : kExtensionRules) {
      known.emplace_back(candidate.key);
      if (key.value == candidate.key) rule = &candidate;
    }
    if (rule == nullptr) {
      const auto guess = model::closest_match(key.value, known);
      r.problems.warning({object.doc, &key}, "unknown extension `" + key.value + "` is ignored",
                         guess ? "did you mean `" + *guess + "`?"
                               : "ripple reads x-ripple-rate, -time, -replicas, -concurrency, "
                                 "-latency and -timeout");
      continue;
    }
    const std::string text = value.is_scalar() ? trim(value.value) : "";
    std::string hint;
    const auto problem = rule->check(text, hint);
    if (problem) {
      const std::string message =
          problem->rfind("`x-", 0) == 0 ? *problem : "`" + key.value + "` " + *problem;
      r.problems.error({object.doc, &value}, message, hint);
      continue;
    }
    out.*(rule->field) = GivenFigure{text, {object.doc, &value}};
  }
  return out;
}

}  // namespace ripple::importer::detail
