#include "cli/render/codequality.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "cli/json/json.h"
#include "cli/render/sarif.h"

namespace ripple::cli {
namespace {

std::uint64_t fnv1a(std::string_view text, std::uint64_t hash) {
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

// 32 hex digits, stable across runs and machines (two FNV-1a 64 hashes with different bases):
// GitLab needs a unique string per issue to follow it from one pipeline to the next.
std::string fingerprint(const CodeQualityIssue& issue, const std::string& path) {
  const std::string key = issue.check_name + '\n' + path + '\n' + issue.identity;
  return fmt::format("{:016x}{:016x}", fnv1a(key, 14695981039346656037ULL),
                     fnv1a(key, 0x9e3779b97f4a7c15ULL));
}

}  // namespace

std::string render_codequality(const SarifContext& context,
                               const std::vector<CodeQualityIssue>& issues) {
  Json list = Json::array();
  for (const CodeQualityIssue& issue : issues) {
    const std::string path = source_relative_path(context, issue.file);
    list.push_back(
        {{"description", issue.description},
         {"check_name", issue.check_name},
         {"fingerprint", fingerprint(issue, path)},
         {"severity", issue.severity},
         {"location", {{"path", path}, {"lines", {{"begin", std::max(issue.line, 1)}}}}}});
  }
  return json_text(list);
}

}  // namespace ripple::cli
