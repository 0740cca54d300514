#pragma once

// The last line of defence between spec text and a terminal or a CI log: a stream buffer that
// every byte of stderr and stdout passes through (cli::run installs it). Renderers escape what
// they print (cli/render/escape.h); this guard makes sure that what they missed still cannot
//   - drive the terminal: control characters other than line feed and tab become visible
//     escapes (`\x1b`, `\x07`, `\r`), except ripple's own colours (ESC [ digits/; m) when the
//     stream is coloured and the progress bar's erase (`\r` ESC [ K, ESC [ K) when it draws one;
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

struct GuardPolicy {
  WorkflowCommands commands = WorkflowCommands::Refuse;
  bool colours = false;     // ESC [ digits/; m passes (the stream is coloured)
  bool erase_line = false;  // "\r ESC [ K" and "ESC [ K" pass (a progress bar draws on it)
};

class TerminalGuard : public std::streambuf {
 public:
  // Writes what it accepts to `target`, which must outlive the guard.
  TerminalGuard(std::ostream& target, GuardPolicy policy);
  ~TerminalGuard() override;
  // From now on (the global flags may change the colour after the guard is in place).
  void set_policy(GuardPolicy policy) { policy_ = policy; }
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
  GuardPolicy policy_;
  std::string pending_;     // bytes whose meaning depends on what follows
  std::string out_;         // decided bytes not yet written to target_
  bool line_start_ = true;  // only blanks since the last line feed
  bool failed_ = false;
};

}  // namespace ripple::cli
