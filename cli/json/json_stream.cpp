#include "cli/json/json_stream.h"

#include <cassert>

namespace ripple::cli {

void JsonStream::newline(std::size_t depth) {
  buffer_ += '\n';
  buffer_.append(depth * 2, ' ');
}

void JsonStream::flush_when_full() {
  if (buffer_.size() < kFlushBytes) return;
  sink_(buffer_);
  buffer_.clear();
}

void JsonStream::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (open_.empty()) return;
  Open& container = open_.back();
  if (!container.empty) buffer_ += ',';
  container.empty = false;
  newline(open_.size());
}

void JsonStream::open(char bracket) {
  before_value();
  buffer_ += bracket;
  open_.push_back({bracket == '{' ? '}' : ']', true});
}

void JsonStream::end() {
  assert(!open_.empty() && !after_key_);
  const Open container = open_.back();
  open_.pop_back();
  if (!container.empty) newline(open_.size());
  buffer_ += container.close;
  flush_when_full();
}

void JsonStream::key(std::string_view name) {
  assert(!open_.empty() && open_.back().close == '}' && !after_key_);
  before_value();
  append_json_string(name, buffer_);
  buffer_ += ": ";
  after_key_ = true;
}

void JsonStream::value(const Json& value) {
  before_value();
  append_json(value, static_cast<int>(open_.size()), buffer_);
  flush_when_full();
}

void JsonStream::string_value(std::string_view text) {
  before_value();
  append_json_string(text, buffer_);
  flush_when_full();
}

void JsonStream::finish() {
  assert(open_.empty());
  buffer_ += '\n';
  sink_(buffer_);
  buffer_.clear();
}

}  // namespace ripple::cli
