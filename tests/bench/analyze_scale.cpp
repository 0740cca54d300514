// Scale benchmark of the analyzers: loads a spec (e.g. one from gen_spec.py) and runs every
// analyzer on it, printing the wall time of each phase and the peak resident set size.
//
//   python3 tests/bench/gen_spec.py > /tmp/big.yaml
//   build/tests/bench/bench_analyze_scale --spec /tmp/big.yaml

#include <cstdio>

#include "analyzers/analysis.h"
#include "bench_util.h"
#include "model/loader.h"

int main(int argc, char** argv) {
  using namespace ripple;
  const std::string path = bench::arg(argc, argv, "--spec", "");
  if (path.empty()) {
    std::fprintf(stderr, "usage: bench_analyze_scale --spec FILE\n");
    return 2;
  }
  const double start = bench::wall_seconds();
  const model::ReadResult read = model::read_source_file(path);
  if (!read.file) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), read.error ? read.error->message.c_str() : "");
    return 2;
  }
  const model::LoadResult loaded = model::load_spec(*read.file);
  if (!loaded.spec) {
    for (const model::Diagnostic& d : loaded.diagnostics)
      std::fprintf(stderr, "%s:%d:%d: %s\n", d.file.c_str(), d.line, d.column, d.message.c_str());
    return 2;
  }
  const double loaded_at = bench::wall_seconds();
  const analyzers::Analysis analysis = analyzers::analyze(*loaded.spec);
  const double analyzed_at = bench::wall_seconds();
  const model::Spec& spec = *loaded.spec;
  std::size_t calls = 0;
  for (const model::Operation& op : spec.operations) calls += op.work.calls.size();
  std::printf("spec: %zu services, %zu operations, %zu events, %zu consumers, %zu calls\n",
              spec.services.size(), spec.operations.size(), spec.events.size(),
              spec.consumers.size(), calls);
  std::printf("findings: %zu (%d errors), cascades: %zu, cut edges: %zu\n",
              analysis.findings.size(),
              analyzers::count_findings(analysis.findings, analyzers::Severity::Error),
              analysis.cascades.size(), analysis.cut_edges.size());
  std::printf("load: %.3f s, analyze: %.3f s, total: %.3f s, peak RSS: %.1f MiB\n",
              loaded_at - start, analyzed_at - loaded_at, analyzed_at - start,
              static_cast<double>(bench::peak_rss_kib()) / 1024.0);
  return 0;
}
