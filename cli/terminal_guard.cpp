#include "cli/terminal_guard.h"

#include <fmt/format.h>

#include <string_view>

#include "cli/json/utf8.h"

namespace ripple::cli {
namespace {

constexpr std::string_view kEraseLine = "\r\x1b[K";
constexpr std::size_t kLongestEscape = 16;  // bytes of ESC [ ... m that ripple ever writes

std::string hex_escape(unsigned char byte) { return fmt::format("\\x{:02x}", byte); }

// Bytes of the UTF-8 sequence a lead byte starts, 0 when it starts none.
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

}  // namespace

TerminalGuard::TerminalGuard(std::ostream& target, GuardPolicy policy)
    : target_(target), policy_(policy) {}

TerminalGuard::~TerminalGuard() {
  drain(true);
  flush_out();
  target_.flush();
}

TerminalGuard::int_type TerminalGuard::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  put(traits_type::to_char_type(c));
  return c;
}

std::streamsize TerminalGuard::xsputn(const char* s, std::streamsize n) {
  for (std::streamsize i = 0; i < n; ++i) put(s[i]);
  return n;
}

int TerminalGuard::sync() {
  // Pending bytes stay: a lone `:` at the start of a line waits for the next one.
  if (!flush_out()) return -1;
  target_.flush();
  return target_ ? 0 : -1;
}

void TerminalGuard::put(char c) {
  const auto u = static_cast<unsigned char>(c);
  const bool plain = u >= 0x20 && u < 0x7F && c != ':' && c != ' ';
  if (pending_.empty() && plain) {  // the common case, decided at once
    out_ += c;
    line_start_ = false;
  } else {
    pending_ += c;
    drain(false);
  }
  if (out_.size() >= 8192) flush_out();
}

void TerminalGuard::drain(bool final) {
  while (!pending_.empty() && take_one(final)) {
  }
}

void TerminalGuard::emit(std::string_view text) { out_.append(text); }

// Decides the first pending byte (and those that go with it); false when it needs more bytes.
bool TerminalGuard::take_one(bool final) {
  const std::string_view p = pending_;
  const auto first = static_cast<unsigned char>(p[0]);
  std::size_t taken = 1;
  if (p[0] == '\n') {
    emit("\n");
    line_start_ = true;
  } else if (p[0] == ' ' || p[0] == '\t') {
    emit(p.substr(0, 1));
  } else if (p[0] == ':') {
    if (line_start_ && p.size() < 2 && !final) return false;
    const bool command = line_start_ && p.size() >= 2 && p[1] == ':';
    if (command && policy_.commands == WorkflowCommands::Refuse) emit("\\");
    emit(command ? "::" : ":");
    taken = command ? 2 : 1;
    line_start_ = false;
  } else if (p[0] == '\r') {
    if (p.size() < kEraseLine.size() && kEraseLine.substr(0, p.size()) == p && !final) return false;
    if (policy_.erase_line && p.substr(0, kEraseLine.size()) == kEraseLine) {
      emit(kEraseLine);
      taken = kEraseLine.size();
    } else {
      emit("\\r");
    }
  } else if (first == 0x1b) {
    std::size_t k = 2;
    while (k < p.size() && k < kLongestEscape && ((p[k] >= '0' && p[k] <= '9') || p[k] == ';')) ++k;
    const bool complete = p.size() >= 2 && p[1] == '[' && k < p.size();
    if (!complete && !final && k < kLongestEscape && (p.size() < 2 || p[1] == '[')) return false;
    if (complete && ((p[k] == 'm' && policy_.colours) || (p[k] == 'K' && policy_.erase_line))) {
      emit(p.substr(0, k + 1));
      taken = k + 1;
    } else {
      emit("\\x1b");
    }
  } else if (first < 0x20 || first == 0x7F) {
    emit(hex_escape(first));
    line_start_ = false;
  } else if (first < 0x80) {
    emit(p.substr(0, 1));
    line_start_ = false;
  } else {
    const std::size_t length = sequence_length(first);
    if (length > 0 && p.size() < length && !final) {
      bool continuing = true;
      for (std::size_t k = 1; k < p.size(); ++k)
        continuing = continuing && (static_cast<unsigned char>(p[k]) & 0xC0) == 0x80;
      if (continuing) return false;
    }
    const std::size_t valid = utf8_length_at(p, 0);
    if (valid == 0) {
      emit(hex_escape(first));
    } else if (first == 0xC2 && static_cast<unsigned char>(p[1]) < 0xA0) {
      emit(fmt::format("\\u{:04x}", static_cast<unsigned char>(p[1]) & 0xFF));
      taken = 2;
    } else {
      emit(p.substr(0, valid));
      taken = valid;
    }
    line_start_ = false;
  }
  pending_.erase(0, taken);
  return true;
}

bool TerminalGuard::flush_out() {
  if (!out_.empty() && !failed_) {
    target_.write(out_.data(), static_cast<std::streamsize>(out_.size()));
    failed_ = !target_;
  }
  out_.clear();
  return !failed_;
}

}  // namespace ripple::cli
