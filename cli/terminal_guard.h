#pragma once

// The last line of defence between spec text and a terminal or a CI log: a stream buffer that
// every byte of stderr and stdout passes through (cli::run installs it). Renderers escape what
// they print (cli/render/escape.h); this guard makes sure that what they missed still cannot
//   - drive the terminal: control characters other than line feed and tab become visible
//     escapes (`\x1b`, `\x07`, `\r`), except ripple's own colours (ESC [ digits/; m), the
//     progress bar's erase (`\r` ESC [ K) and ESC [ K;
//   - break the encoding: bytes that are not UTF-8 become `\xHH`, C1 controls `\u00HH`;
//   - run a GitHub workflow command: a line whose first characters after blanks are `::` gets a
//     `\` before them (GitHub trims only white space), unless workflow commands are the
//     output's purpose (`--format github` on stdout).

#include <memory>
#include <ostream>
#include <streambuf>
#include <string>

namespace ripple::cli {

enum class WorkflowCommands { Refuse, Allow };

class TerminalGuard : public std::streambuf {
 public:
  // Writes what it accepts to `target`, which must outlive the guard.
  TerminalGuard(std::ostream& target, WorkflowCommands commands);
  ~TerminalGuard() override;
  TerminalGuard(const TerminalGuard&) = delete;
  TerminalGuard& operator=(const TerminalGuard&) = delete;

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  void put(char c);
  // Moves what pending_ decides to out_; `final`: nothing more comes, decide everything.
  void drain(bool final);
  [[nodiscard]] bool take_one(bool final);
  void emit(std::string_view text);
  bool flush_out();

  std::ostream& target_;
  WorkflowCommands commands_;
  std::string pending_;  // bytes whose meaning depends on what follows
  std::string out_;      // decided bytes not yet written to target_
  bool line_start_ = true;  // only blanks since the last line feed
  bool failed_ = false;
};

}  // namespace ripple::cli
