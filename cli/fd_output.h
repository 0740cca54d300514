#pragma once

// stdout as a stream over its file descriptor that remembers why a write failed. std::cout loses
// errno once its first failed write has set badbit (later flushes do nothing), so "cannot write
// the output" could not say "No space left on device" or "Broken pipe" when the failure happened
// in the middle of a long document.

#include <array>
#include <streambuf>

namespace ripple::cli {

class FdOutput : public std::streambuf {
 public:
  explicit FdOutput(int fd) : fd_(fd) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  FdOutput(const FdOutput&) = delete;
  FdOutput& operator=(const FdOutput&) = delete;
  ~FdOutput() override { sync(); }

  // errno of the first write that failed, 0 while every write has succeeded.
  [[nodiscard]] const int& write_error() const { return error_; }

 protected:
  int_type overflow(int_type ch) override;
  int sync() override;

 private:
  bool drain();  // writes the buffer out; false (and error_ set) on a failed write

  int fd_;
  int error_ = 0;
  std::array<char, 1 << 16> buffer_{};
};

}  // namespace ripple::cli
