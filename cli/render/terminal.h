#pragma once

// ANSI styling for text output; every function returns its argument unchanged when colour is
// off (not a terminal, or NO_COLOR set).

#include <string>
#include <string_view>

namespace ripple::cli {

// Whether text output may carry ANSI colour.
enum class Color { Off, On };

class Style {
 public:
  explicit Style(Color color) : color_(color == Color::On) {}
  [[nodiscard]] std::string bold(std::string_view s) const { return wrap("1", s); }
  [[nodiscard]] std::string dim(std::string_view s) const { return wrap("2", s); }
  [[nodiscard]] std::string error(std::string_view s) const { return wrap("1;31", s); }
  [[nodiscard]] std::string warning(std::string_view s) const { return wrap("1;33", s); }
  [[nodiscard]] std::string good(std::string_view s) const { return wrap("1;32", s); }
  [[nodiscard]] std::string info(std::string_view s) const { return wrap("1;36", s); }
  [[nodiscard]] bool color() const { return color_; }

 private:
  [[nodiscard]] std::string wrap(const char* code, std::string_view s) const {
    if (!color_) return std::string(s);
    return "\x1b[" + std::string(code) + "m" + std::string(s) + "\x1b[0m";
  }
  bool color_;
};

}  // namespace ripple::cli
