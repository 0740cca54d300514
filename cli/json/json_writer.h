#pragma once

// A small streaming JSON writer for the machine formats: two-space indentation, keys in the order
// written (callers write them in a deterministic order), numbers in their shortest round-trip
// form, NaN and infinities as null. Misuse (a value where a key belongs) is a programming error.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ripple::cli {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(double number);
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(std::uint64_t number);
  JsonWriter& value(bool flag);
  JsonWriter& value(std::optional<double> number);
  JsonWriter& null();

  // The document, ending with a newline. REQUIRES: every object and array closed.
  [[nodiscard]] std::string str() const { return out_ + "\n"; }

 private:
  void before_value();
  void newline();

  std::string out_;
  struct Level {
    bool array;
    bool empty = true;
  };
  std::vector<Level> levels_;
  bool after_key_ = false;
};

[[nodiscard]] std::string json_escape(std::string_view text);

}  // namespace ripple::cli
