#include "model/distribution.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <optional>
#include <string>
#include <utility>

namespace ripple::model {
namespace {

std::string_view trim_space(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// One argument of a distribution: `20ms` or `median=20ms`.
struct Argument {
  std::string name;  // empty when positional
  std::string value;
};

Parsed<Distribution> fail(std::string message, std::string hint = {}) {
  Parsed<Distribution> p;
  p.error = UnitError{std::move(message), std::move(hint)};
  return p;
}

// Splits "a, b=c, [x, y]" at top-level commas.
std::vector<Argument> split_arguments(std::string_view body) {
  std::vector<Argument> out;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= body.size(); ++i) {
    const char c = i < body.size() ? body[i] : ',';
    if (c == '[') ++depth;
    if (c == ']') --depth;
    if (c != ',' || depth > 0) continue;
    const std::string_view part = trim_space(body.substr(start, i - start));
    start = i + 1;
    Argument argument;
    const std::size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.find('[') > eq) {
      argument.name = std::string(trim_space(part.substr(0, eq)));
      argument.value = std::string(trim_space(part.substr(eq + 1)));
    } else {
      argument.value = std::string(part);
    }
    out.push_back(std::move(argument));
  }
  if (out.size() == 1 && out[0].name.empty() && out[0].value.empty()) out.clear();
  return out;
}

struct Signature {
  const char* function;
  std::vector<const char*> names;  // parameter names, in positional order
  const char* example;
};

// Maps the arguments onto the signature's parameters, as durations in nanoseconds.
bool bind(const Signature& sig, const std::vector<Argument>& args, std::vector<double>& out,
          UnitError& error) {
  out.assign(sig.names.size(), -1);
  std::vector<bool> seen(sig.names.size(), false);
  if (args.size() != sig.names.size()) {
    error = {std::string(sig.function) + " takes " + std::to_string(sig.names.size()) +
                 (sig.names.size() == 1 ? " argument" : " arguments"),
             std::string("write `") + sig.example + "`"};
    return false;
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::size_t slot = i;
    if (!args[i].name.empty()) {
      slot = sig.names.size();
      for (std::size_t k = 0; k < sig.names.size(); ++k)
        if (args[i].name == sig.names[k]) slot = k;
      if (slot == sig.names.size()) {
        error = {std::string(sig.function) + " has no parameter `" + args[i].name + "`",
                 std::string("write `") + sig.example + "`"};
        return false;
      }
    }
    if (seen[slot]) {
      error = {std::string(sig.function) + " is given `" + sig.names[slot] + "` twice",
               std::string("write `") + sig.example + "`"};
      return false;
    }
    seen[slot] = true;
    const bool is_shape = std::string(sig.names[slot]) == "shape";
    if (is_shape) {
      char* end = nullptr;
      const std::string& v = args[i].value;
      out[slot] = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0' || !std::isfinite(out[slot])) {
        error = {"pareto shape `" + v + "` is not a number",
                 "write `pareto(scale=1ms, shape=2.5)`"};
        return false;
      }
      continue;
    }
    const Parsed<Duration> d = parse_duration(args[i].value);
    if (!d.ok()) {
      error = d.error;
      return false;
    }
    out[slot] = static_cast<double>(d.value->ns);
  }
  return true;
}

Parsed<Distribution> parse_empirical(std::string_view body, Distribution dist) {
  body = trim_space(body);
  if (body.size() < 2 || body.front() != '[' || body.back() != ']')
    return fail("empirical takes a list of durations", "write `empirical([1ms, 2ms, 9ms])`");
  for (const Argument& a : split_arguments(body.substr(1, body.size() - 2))) {
    const Parsed<Duration> d = parse_duration(a.value);
    if (!d.ok()) return fail(d.error.message, d.error.hint);
    dist.values.push_back(static_cast<double>(d.value->ns));
  }
  if (dist.values.empty())
    return fail("empirical needs at least one value", "write `empirical([1ms, 2ms, 9ms])`");
  return Parsed<Distribution>{std::move(dist), {}};
}

const std::vector<std::pair<std::string, Signature>>& signatures() {
  static const std::vector<std::pair<std::string, Signature>> kSignatures = {
      {"const", {"const", {"value"}, "const(5ms)"}},
      {"exp", {"exp", {"mean"}, "exp(20ms)"}},
      {"uniform", {"uniform", {"low", "high"}, "uniform(1ms, 5ms)"}},
      {"normal", {"normal", {"mean", "sd"}, "normal(mean=10ms, sd=2ms)"}},
      {"lognormal", {"lognormal", {"median", "p99"}, "lognormal(median=5ms, p99=40ms)"}},
      {"pareto", {"pareto", {"scale", "shape"}, "pareto(scale=1ms, shape=2.5)"}},
  };
  return kSignatures;
}

DistributionKind kind_of(const std::string& function) {
  if (function == "const") return DistributionKind::Const;
  if (function == "exp") return DistributionKind::Exp;
  if (function == "uniform") return DistributionKind::Uniform;
  if (function == "normal") return DistributionKind::Normal;
  if (function == "lognormal") return DistributionKind::Lognormal;
  return DistributionKind::Pareto;
}

std::optional<UnitError> check_parameters(const Distribution& d) {
  switch (d.kind) {
    case DistributionKind::Uniform:
      if (d.b < d.a)
        return UnitError{"uniform's high is below its low", "write `uniform(1ms, 5ms)`"};
      break;
    case DistributionKind::Lognormal:
      if (d.a <= 0) return UnitError{"a lognormal's median must be above 0", ""};
      if (d.b <= d.a)
        return UnitError{"a lognormal's p99 must be above its median",
                         "the p99 is the value 99% of samples stay under: "
                         "`lognormal(median=5ms, p99=40ms)`"};
      break;
    case DistributionKind::Pareto:
      if (d.a <= 0) return UnitError{"a pareto's scale must be above 0", ""};
      if (d.b <= 1)
        return UnitError{"a pareto's shape must be above 1 (its mean is infinite otherwise)",
                         "heavy tails of real services have shapes around 1.5 to 3"};
      break;
    default:
      break;
  }
  return std::nullopt;
}

double normal_pdf(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2 * M_PI); }
double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

}  // namespace

Distribution Distribution::constant(Duration d) {
  Distribution dist;
  dist.kind = DistributionKind::Const;
  dist.a = static_cast<double>(d.ns);
  dist.text = format_duration(d);
  return dist;
}

double Distribution::lognormal_mu() const { return std::log(a); }
double Distribution::lognormal_sigma() const { return (std::log(b) - std::log(a)) / kZ99; }

double Distribution::mean_ns() const {
  switch (kind) {
    case DistributionKind::Const:
    case DistributionKind::Exp:
      return a;
    case DistributionKind::Uniform:
      return (a + b) / 2;
    case DistributionKind::Normal: {
      if (b <= 0) return std::max(a, 0.0);
      const double alpha = -a / b;  // truncation point in standard units
      return a + b * normal_pdf(alpha) / (1 - normal_cdf(alpha));
    }
    case DistributionKind::Lognormal: {
      const double sigma = lognormal_sigma();
      return std::exp(lognormal_mu() + sigma * sigma / 2);
    }
    case DistributionKind::Pareto:
      return b * a / (b - 1);
    case DistributionKind::Empirical:
      return values.empty() ? 0
                            : std::accumulate(values.begin(), values.end(), 0.0) /
                                  static_cast<double>(values.size());
  }
  return 0;
}

Parsed<Distribution> parse_distribution(std::string_view raw) {
  const std::string_view text = trim_space(raw);
  Distribution dist;
  dist.text = std::string(text);
  const std::size_t open = text.find('(');
  if (open == std::string_view::npos) {
    const Parsed<Duration> d = parse_duration(text);
    if (!d.ok())
      return fail(d.error.message,
                  d.error.hint.empty()
                      ? std::string("a duration or a distribution such as `exp(20ms)`")
                      : d.error.hint + ", or a distribution such as `exp(20ms)`");
    dist.a = static_cast<double>(d.value->ns);
    return Parsed<Distribution>{std::move(dist), {}};
  }
  if (text.back() != ')')
    return fail("`" + std::string(text) + "` lacks its closing parenthesis",
                "inside a `{...}` mapping a comma ends the value: quote it, as in "
                "`time: \"lognormal(median=5ms, p99=40ms)\"`");
  const std::string function(trim_space(text.substr(0, open)));
  const std::string_view body = text.substr(open + 1, text.size() - open - 2);
  if (function == "empirical") {
    dist.kind = DistributionKind::Empirical;
    return parse_empirical(body, std::move(dist));
  }
  const Signature* sig = nullptr;
  for (const auto& [name, s] : signatures())
    if (name == function) sig = &s;
  if (sig == nullptr)
    return fail("unknown distribution `" + function + "`",
                "distributions are const, exp, uniform, normal, lognormal, pareto and empirical");
  std::vector<double> params;
  UnitError error;
  if (!bind(*sig, split_arguments(body), params, error)) return fail(error.message, error.hint);
  dist.kind = kind_of(function);
  dist.a = params[0];
  if (params.size() > 1) dist.b = params[1];
  if (auto problem = check_parameters(dist)) return fail(problem->message, problem->hint);
  return Parsed<Distribution>{std::move(dist), {}};
}

const char* to_string(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::Const:
      return "const";
    case DistributionKind::Exp:
      return "exp";
    case DistributionKind::Uniform:
      return "uniform";
    case DistributionKind::Normal:
      return "normal";
    case DistributionKind::Lognormal:
      return "lognormal";
    case DistributionKind::Pareto:
      return "pareto";
    case DistributionKind::Empirical:
      return "empirical";
  }
  return "?";
}

}  // namespace ripple::model
