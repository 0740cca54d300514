#include "cli/review/gate_baseline.h"

#include <cstdlib>
#include <map>
#include <stdexcept>

#include "cli/json/json_writer.h"

namespace ripple::cli {
namespace {

// ---------------------------------------------------------------------------------------------
// A small JSON reader, enough for baselines: a document is a tree of these values. The writer
// side is JsonWriter; reading is only needed here, so it stays internal.

struct JsonValue {
  enum class Kind { Null, Bool, Number, String, Array, Object };
  Kind kind = Kind::Null;
  bool flag = false;
  double number = 0;
  std::string text;
  std::vector<JsonValue> items;
  std::vector<std::pair<std::string, JsonValue>> members;

  [[nodiscard]] const JsonValue* find(const std::string& key) const {
    for (const auto& [name, value] : members)
      if (name == key) return &value;
    return nullptr;
  }
};

struct JsonError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class JsonReader {
 public:
  explicit JsonReader(const std::string& text) : text_(text) {}

  JsonValue document() {
    JsonValue v = value(0);
    skip_space();
    if (at_ < text_.size()) fail("unexpected text after the document");
    return v;
  }

 private:
  static constexpr int kMaxDepth = 64;

  [[noreturn]] void fail(const std::string& what) const {
    throw JsonError(what + " at byte " + std::to_string(at_ + 1));
  }
  void skip_space() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\n' || text_[at_] == '\t' || text_[at_] == '\r'))
      ++at_;
  }
  char peek() {
    skip_space();
    if (at_ >= text_.size()) fail("unexpected end of the document");
    return text_[at_];
  }
  void expect(char c) {
    if (peek() != c) fail(std::string("expected `") + c + "`");
    ++at_;
  }
  bool word(const char* w) {
    const std::string_view s(w);
    if (text_.compare(at_, s.size(), s) != 0) return false;
    at_ += s.size();
    return true;
  }

  JsonValue value(int depth) {
    if (depth > kMaxDepth) fail("nested too deep");
    const char c = peek();
    JsonValue v;
    if (c == '{') return object(depth);
    if (c == '[') return array(depth);
    if (c == '"') {
      v.kind = JsonValue::Kind::String;
      v.text = string();
    } else if (word("true")) {
      v.kind = JsonValue::Kind::Bool;
      v.flag = true;
    } else if (word("false")) {
      v.kind = JsonValue::Kind::Bool;
    } else if (word("null")) {
      v.kind = JsonValue::Kind::Null;
    } else {
      v.kind = JsonValue::Kind::Number;
      v.number = number();
    }
    return v;
  }

  JsonValue object(int depth) {
    JsonValue v;
    v.kind = JsonValue::Kind::Object;
    expect('{');
    if (peek() == '}') return ++at_, v;
    while (true) {
      if (peek() != '"') fail("expected a key");
      std::string key = string();
      expect(':');
      v.members.emplace_back(std::move(key), value(depth + 1));
      if (peek() == '}') return ++at_, v;
      expect(',');
    }
  }

  JsonValue array(int depth) {
    JsonValue v;
    v.kind = JsonValue::Kind::Array;
    expect('[');
    if (peek() == ']') return ++at_, v;
    while (true) {
      v.items.push_back(value(depth + 1));
      if (peek() == ']') return ++at_, v;
      expect(',');
    }
  }

  double number() {
    const char* begin = text_.c_str() + at_;
    char* end = nullptr;
    const double n = std::strtod(begin, &end);
    if (end == begin) fail("expected a value");
    at_ += static_cast<std::size_t>(end - begin);
    return n;
  }

  unsigned hex4() {
    if (at_ + 4 > text_.size()) fail("bad \\u escape");
    const std::string digits = text_.substr(at_, 4);
    char* end = nullptr;
    const unsigned long code = std::strtoul(digits.c_str(), &end, 16);
    if (end != digits.c_str() + 4) fail("bad \\u escape");
    at_ += 4;
    return static_cast<unsigned>(code);
  }

  static void append_utf8(std::string& out, unsigned code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  void escape(std::string& out) {
    if (at_ >= text_.size()) fail("unterminated string");
    const char c = text_[at_++];
    switch (c) {
      case 'n':
        out += '\n';
        return;
      case 't':
        out += '\t';
        return;
      case 'r':
        out += '\r';
        return;
      case 'b':
        out += '\b';
        return;
      case 'f':
        out += '\f';
        return;
      case 'u':
        break;
      default:
        out += c;
        return;  // \" \\ \/
    }
    unsigned code = hex4();
    if (code >= 0xD800 && code < 0xDC00 && word("\\u")) {
      const unsigned low = hex4();
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(out, code);
  }

  std::string string() {
    ++at_;  // the opening quote
    std::string out;
    while (true) {
      if (at_ >= text_.size()) fail("unterminated string");
      const char c = text_[at_++];
      if (c == '"') return out;
      if (c == '\\') {
        escape(out);
      } else {
        out += c;
      }
    }
  }

  const std::string& text_;
  std::size_t at_ = 0;
};

// ---------------------------------------------------------------------------------------------

std::string text_member(const JsonValue& object, const std::string& key) {
  const JsonValue* v = object.find(key);
  if (v == nullptr || v->kind != JsonValue::Kind::String)
    throw JsonError("each entry needs a string `" + key + "`");
  return v->text;
}

FindingKey read_finding(const JsonValue& v) {
  if (v.kind != JsonValue::Kind::Object) throw JsonError("`findings` holds objects");
  return {text_member(v, "rule"), text_member(v, "element"), text_member(v, "message")};
}

BaselineGate read_gate(const JsonValue& v) {
  if (v.kind != JsonValue::Kind::Object) throw JsonError("`gates` holds objects");
  BaselineGate gate;
  gate.expr = text_member(v, "expr");
  if (const JsonValue* value = v.find("value"); value && value->kind == JsonValue::Kind::Number)
    gate.value = value->number;
  if (const JsonValue* passed = v.find("passed"); passed && passed->kind == JsonValue::Kind::Bool)
    gate.passed = passed->flag;
  return gate;
}

const JsonValue& array_member(const JsonValue& root, const std::string& key) {
  const JsonValue* v = root.find(key);
  if (v == nullptr || v->kind != JsonValue::Kind::Array)
    throw JsonError("a baseline needs an array `" + key + "`");
  return *v;
}

Baseline read_baseline(const JsonValue& root) {
  if (root.kind != JsonValue::Kind::Object || root.find("ripple_baseline") == nullptr)
    throw JsonError(
        "not a ripple baseline (no `ripple_baseline` key; write one with "
        "`ripple gate SPEC --write-baseline FILE`)");
  Baseline b;
  if (const JsonValue* spec = root.find("spec"); spec && spec->kind == JsonValue::Kind::String)
    b.spec = spec->text;
  for (const JsonValue& f : array_member(root, "findings").items)
    b.findings.push_back(read_finding(f));
  for (const JsonValue& g : array_member(root, "gates").items) b.gates.push_back(read_gate(g));
  return b;
}

// ---------------------------------------------------------------------------------------------

FindingKey key_of(const analyzers::Finding& f) { return {f.rule, f.element, f.message}; }

using RuleElement = std::pair<std::string, std::string>;

// Findings of `current` that `old` lacks, matched one for one by (rule, element).
std::vector<FindingKey> unmatched(const std::vector<FindingKey>& current,
                                  const std::vector<FindingKey>& old) {
  std::map<RuleElement, int> available;
  for (const FindingKey& f : old) ++available[{f.rule, f.element}];
  std::vector<FindingKey> out;
  for (const FindingKey& f : current) {
    int& left = available[{f.rule, f.element}];
    if (left > 0) {
      --left;
    } else {
      out.push_back(f);
    }
  }
  return out;
}

// Severity of a new finding, looked up in the analysis (baselines do not store it).
bool counted_by(const GateOutcome& gate, const FindingKey& f, const analyzers::Analysis& analysis) {
  if (gate.metric != "findings") return false;
  if (gate.argument == f.rule) return true;
  for (const analyzers::Finding& current : analysis.findings)
    if (current.rule == f.rule && current.element == f.element && current.message == f.message)
      return gate.argument == analyzers::to_string(current.severity);
  return false;
}

const BaselineGate* find_gate(const Baseline& baseline, const std::string& expr) {
  for (const BaselineGate& g : baseline.gates)
    if (g.expr == expr) return &g;
  return nullptr;
}

void compare_gate(GateOutcome& gate, const Baseline& baseline,
                  const std::vector<FindingKey>& new_findings,
                  const analyzers::Analysis& analysis) {
  const BaselineGate* old = find_gate(baseline, gate.expr);
  if (old) gate.baseline_value = old->value;
  if (gate.met) return;
  if (old == nullptr || old->passed) {
    gate.baseline = BaselineState::New;
    return;
  }
  int added = 0;
  for (const FindingKey& f : new_findings) added += counted_by(gate, f, analysis) ? 1 : 0;
  const bool worse = better_value(gate.comparison, gate.threshold, old->value, gate.value);
  gate.baseline = worse || added > 0 ? BaselineState::Worse : BaselineState::Unchanged;
  gate.passed = gate.baseline == BaselineState::Unchanged;
  if (added > 0)
    gate.reason =
        std::to_string(added) + " new finding" + (added == 1 ? "" : "s") + " since the baseline";
}

}  // namespace

Baseline make_baseline(const std::string& spec_name, const analyzers::Analysis& analysis,
                       const GateReport& report) {
  Baseline b;
  b.spec = spec_name;
  for (const analyzers::Finding& f : analysis.findings) b.findings.push_back(key_of(f));
  for (const GateOutcome& g : report.gates) b.gates.push_back({g.expr, g.value, g.met});
  return b;
}

std::string render_baseline_json(const Baseline& baseline) {
  JsonWriter w;
  w.begin_object();
  w.key("ripple_baseline").value(1);
  w.key("spec").value(baseline.spec);
  w.key("findings").begin_array();
  for (const FindingKey& f : baseline.findings) {
    w.begin_object().key("rule").value(f.rule).key("element").value(f.element);
    w.key("message").value(f.message).end_object();
  }
  w.end_array();
  w.key("gates").begin_array();
  for (const BaselineGate& g : baseline.gates) {
    w.begin_object().key("expr").value(g.expr).key("value").value(g.value);
    w.key("passed").value(g.passed).end_object();
  }
  w.end_array();
  w.end_object();
  return w.str();
}

BaselineParse parse_baseline(const std::string& text) {
  try {
    JsonReader reader(text);
    return {read_baseline(reader.document()), ""};
  } catch (const JsonError& e) {
    return {std::nullopt, e.what()};
  }
}

void apply_baseline(GateReport& report, const analyzers::Analysis& analysis,
                    const Baseline& baseline) {
  report.baseline_used = true;
  std::vector<FindingKey> current;
  for (const analyzers::Finding& f : analysis.findings) current.push_back(key_of(f));
  report.new_findings = unmatched(current, baseline.findings);
  report.fixed_findings = unmatched(baseline.findings, current);
  for (GateOutcome& gate : report.gates)
    compare_gate(gate, baseline, report.new_findings, analysis);
}

}  // namespace ripple::cli
