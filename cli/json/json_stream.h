#pragma once

// A JSON document written as it is made, in json_text's layout (json.h), so that a large output
// never exists whole in memory: the writer holds the path of open containers and a buffer of at
// most about kFlushBytes, handed to the sink whenever it fills and at finish().
//
//   JsonStream json([&](std::string_view text) { out << text; });
//   json.begin_object();
//   json.member("spec", spec.name);           // any Json value, laid out as json_text does
//   json.key("cascades");
//   json.begin_object();
//   for (...) json.member(name, small_json);  // one member at a time
//   json.end();
//   json.end();
//   json.finish();                            // the final newline; all text handed over
//
// The bytes equal json_text of the same document built whole. REQUIRES: calls nest properly (a
// key only inside an object and before each of its values, end() only on an open container).

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/json/json.h"

namespace ripple::cli {

// Receives the text of a document in order, piece by piece.
using TextSink = std::function<void(std::string_view text)>;

class JsonStream {
 public:
  static constexpr std::size_t kFlushBytes = 1 << 16;

  explicit JsonStream(TextSink sink) : sink_(std::move(sink)) {}

  void begin_object() { open('{'); }
  void begin_array() { open('['); }
  void end();  // closes the innermost open object or array
  void key(std::string_view name);
  void value(const Json& value);
  void string_value(std::string_view text);  // a string, without making a Json of it
  void member(std::string_view name, const Json& value) {
    key(name);
    this->value(value);
  }
  void string_member(std::string_view name, std::string_view text) {
    key(name);
    string_value(text);
  }
  void finish();

 private:
  struct Open {
    char close;
    bool empty;
  };
  void open(char bracket);
  void before_value();  // the comma and indentation a value in the current container needs
  void newline(std::size_t depth);
  void flush_when_full();

  TextSink sink_;
  std::vector<Open> open_;
  bool after_key_ = false;
  std::string buffer_;
};

}  // namespace ripple::cli
