// Growth of the analyzers with the design's size: generates specs of several sizes
// (spec_generator.h), analyzes each in a child process through the library, and prints CPU
// seconds, peak memory and the fitted growth exponent (least squares of log time on log size over
// the sizes from 1,000 to 20,000), beside the targets of issue 19.
//
//   bench_analyze_growth                               # both shapes, 1k..20k, and 70k call graph
//   bench_analyze_growth --shape layered --sizes 1000,5000,20000 --huge 0
//   bench_analyze_growth --write 20000 --out /tmp/cg20k.yaml  # the spec, for `ripple analyze`
//
// Each size runs in a fresh child so that peak memory is its own: the child generates and loads
// the spec, then forks a grandchild that analyzes it. The grandchild's peak RSS starts from what
// the loaded spec holds (a forked process's high-water mark starts at its size), so "analyze
// peak" is spec plus analysis, without the YAML parser's peak; "load peak" is the child's.

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "analyzers/analysis.h"
#include "bench_util.h"
#include "model/loader.h"
#include "spec_generator.h"

namespace {

using ripple::bench::Shape;

constexpr double kTargetExponent = 1.2;
constexpr double kTarget20kSeconds = 3;
constexpr double kTarget20kMiB = 500;
constexpr double kTarget70kSeconds = 15;

struct Measure {
  int services = 0;
  long operations = 0, calls = 0, cascades = 0, components = 0;
  double load_cpu = 0, analyze_cpu = 0, analyze_wall = 0;
  double load_peak_mib = 0, analyze_peak_mib = 0, spec_mib = 0;
  bool ok = false;
};

double mib(long kib) { return static_cast<double>(kib) / 1024.0; }

// Anonymous resident memory (heap and stacks, no mapped files), in KiB: what a forked process
// inherits into its resident set.
long anonymous_rss_kib() {
  long kib = 0;
  if (FILE* f = std::fopen("/proc/self/status", "r")) {
    char line[256];
    while (std::fgets(line, sizeof line, f))
      if (std::sscanf(line, "RssAnon: %ld", &kib) == 1) break;
    std::fclose(f);
  }
  return kib;
}

std::optional<ripple::model::Spec> load(const std::string& text) {
  ripple::model::LoadLimits limits;
  limits.max_bytes = 1u << 30;
  limits.max_nodes = 100'000'000;
  auto loaded = ripple::model::load_spec({"generated.yaml", text}, std::nullopt, limits);
  return std::move(loaded.spec);
}

// In the grandchild: analyze and write "cpu wall peak_kib cascades" to `fd`.
[[noreturn]] void analyze_and_report(const ripple::model::Spec& spec, int fd) {
  const double cpu = ripple::bench::cpu_seconds();
  const double wall = ripple::bench::wall_seconds();
  const ripple::analyzers::Analysis analysis = ripple::analyzers::analyze(spec);
  const double cpu_used = ripple::bench::cpu_seconds() - cpu;
  const double wall_used = ripple::bench::wall_seconds() - wall;
  const std::string line = std::to_string(cpu_used) + " " + std::to_string(wall_used) + " " +
                           std::to_string(ripple::bench::peak_rss_kib()) + " " +
                           std::to_string(analysis.cascades.size()) + "\n";
  if (write(fd, line.data(), line.size()) < 0) _exit(3);
  _exit(0);
}

// In the child: generate, load, fork the analysis, then write the load figures to `fd`.
[[noreturn]] void measure_in_child(Shape shape, int services, std::uint64_t seed, int fd) {
  const double cpu = ripple::bench::cpu_seconds();
  std::optional<ripple::model::Spec> spec;
  {
    const std::string text = ripple::bench::generate_spec({shape, services, seed});
    spec = load(text);
  }
  const double load_cpu = ripple::bench::cpu_seconds() - cpu;
  if (!spec) _exit(2);
  long calls = 0;
  for (const auto& op : spec->operations) calls += static_cast<long>(op.work.calls.size());
  const long components =
      static_cast<long>(spec->services.size() + spec->stores.size() + spec->brokers.size());
  const long spec_kib = anonymous_rss_kib();
  const pid_t pid = fork();
  if (pid == 0) analyze_and_report(*spec, fd);
  int status = 0;
  waitpid(pid, &status, 0);
  const std::string line =
      std::to_string(load_cpu) + " " + std::to_string(ripple::bench::peak_rss_kib()) + " " +
      std::to_string(spec_kib) + " " + std::to_string(spec->operations.size()) + " " +
      std::to_string(calls) + " " + std::to_string(components) + "\n";
  if (write(fd, line.data(), line.size()) < 0) _exit(3);
  _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 3);
}

Measure measure(Shape shape, int services, std::uint64_t seed) {
  Measure m;
  m.services = services;
  int fds[2];
  if (pipe(fds) != 0) return m;
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    measure_in_child(shape, services, seed, fds[1]);
  }
  close(fds[1]);
  FILE* in = fdopen(fds[0], "r");
  long peak = 0, load_peak = 0, spec_kib = 0;
  const int analyzed =
      std::fscanf(in, "%lf %lf %ld %ld", &m.analyze_cpu, &m.analyze_wall, &peak, &m.cascades);
  const int loaded = std::fscanf(in, "%lf %ld %ld %ld %ld %ld", &m.load_cpu, &load_peak, &spec_kib,
                                 &m.operations, &m.calls, &m.components);
  std::fclose(in);
  int status = 0;
  waitpid(pid, &status, 0);
  m.analyze_peak_mib = mib(peak);
  m.load_peak_mib = mib(load_peak);
  m.spec_mib = mib(spec_kib);
  m.ok = analyzed == 4 && loaded == 6 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return m;
}

// Least-squares slope of log(y) on log(x).
double fitted_exponent(const std::vector<double>& x, const std::vector<double>& y) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  const double n = static_cast<double>(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double lx = std::log(x[i]), ly = std::log(y[i]);
    sx += lx;
    sy += ly;
    sxx += lx * lx;
    sxy += lx * ly;
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

std::vector<int> parse_sizes(const std::string& text) {
  std::vector<int> sizes;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t comma = text.find(',', at);
    sizes.push_back(std::stoi(text.substr(at, comma - at)));
    at = comma == std::string::npos ? text.size() : comma + 1;
  }
  return sizes;
}

void print_row(Shape shape, const Measure& m) {
  std::printf("%-9s %7d %8ld %8ld %8.3f %10.3f %9.3f %10.1f %9.1f %9.1f%s\n",
              ripple::bench::to_string(shape), m.services, m.operations, m.calls, m.load_cpu,
              m.analyze_cpu, m.analyze_wall, m.analyze_peak_mib, m.spec_mib, m.load_peak_mib,
              m.ok ? "" : "  FAILED");
}

// Prints the shape's figures and ratios; false when a figure is missing or not sane.
bool run_shape(Shape shape, const std::vector<int>& sizes, int huge, std::uint64_t seed) {
  std::vector<Measure> rows;
  for (int n : sizes) rows.push_back(measure(shape, n, seed));
  if (huge > 0) rows.push_back(measure(shape, huge, seed));
  bool sane = true;
  std::vector<double> x, t, mem;
  for (const Measure& m : rows) {
    print_row(shape, m);
    sane =
        sane && m.ok && m.analyze_cpu > 0 && m.analyze_peak_mib > 0 && m.cascades == m.components;
    if (m.services == huge) continue;
    if (m.services >= 1000 && m.services <= 20000) {
      x.push_back(m.services);
      t.push_back(m.analyze_cpu);
      mem.push_back(m.analyze_peak_mib);
    }
  }
  if (x.size() < 2) {  // small sizes (the smoke run): fit over all of them
    x.clear(), t.clear(), mem.clear();
    for (const Measure& m : rows)
      if (m.services != huge) {
        x.push_back(m.services);
        t.push_back(std::max(m.analyze_cpu, 1e-6));
        mem.push_back(m.analyze_peak_mib);
      }
  }
  const double exponent = fitted_exponent(x, t);
  const double memory_exponent = fitted_exponent(x, mem);
  std::printf(
      "%s: growth exponent %.2f in analyze CPU time over %.0f..%.0f services (target <= %.1f: "
      "%.2fx of it); peak memory growth exponent %.2f\n",
      ripple::bench::to_string(shape), exponent, x.front(), x.back(), kTargetExponent,
      exponent / kTargetExponent, memory_exponent);
  for (const Measure& m : rows) {
    if (m.services == 20000)
      std::printf(
          "%s: 20,000 services: %.3f s (%.2fx of the %.0f s target), %.1f MiB (%.2fx of %.0f "
          "MiB)\n",
          ripple::bench::to_string(shape), m.analyze_cpu, m.analyze_cpu / kTarget20kSeconds,
          kTarget20kSeconds, m.analyze_peak_mib, m.analyze_peak_mib / kTarget20kMiB, kTarget20kMiB);
    if (m.services == 70000)
      std::printf("%s: 70,000 services: %.3f s (%.2fx of the %.0f s target), %.1f MiB\n",
                  ripple::bench::to_string(shape), m.analyze_cpu, m.analyze_cpu / kTarget70kSeconds,
                  kTarget70kSeconds, m.analyze_peak_mib);
  }
  return sane && std::isfinite(exponent) && exponent > -1 && exponent < 4;
}

}  // namespace

int main(int argc, char** argv) {
  using ripple::bench::arg;
  const std::uint64_t seed = std::stoull(arg(argc, argv, "--seed", "1"));
  const std::string shape = arg(argc, argv, "--shape", "both");
  const std::string write = arg(argc, argv, "--write", "");
  if (!write.empty()) {
    std::ofstream(arg(argc, argv, "--out", "/dev/stdout")) << ripple::bench::generate_spec(
        {shape == "layered" ? Shape::Layered : Shape::CallGraph, std::stoi(write), seed});
    return 0;
  }
  const std::vector<int> sizes =
      parse_sizes(arg(argc, argv, "--sizes", "1000,2000,5000,10000,20000"));
  const int huge = std::stoi(arg(argc, argv, "--huge", "70000"));
  std::printf("%-9s %7s %8s %8s %8s %10s %9s %10s %9s %9s\n", "shape", "services", "ops", "calls",
              "load s", "analyze s", "wall s", "peak MiB", "spec MiB", "load MiB");
  std::printf(
      "          (CPU seconds; peak MiB: spec loaded plus analysis; load MiB: the loader's "
      "peak)\n");
  bool sane = true;
  if (shape == "both" || shape == "callgraph")
    sane = run_shape(Shape::CallGraph, sizes, huge, seed) && sane;
  if (shape == "both" || shape == "layered")
    sane = run_shape(Shape::Layered, sizes, shape == "layered" ? huge : 0, seed) && sane;
  if (!sane) std::printf("a figure is missing or not sane\n");
  return sane ? 0 : 1;
}
