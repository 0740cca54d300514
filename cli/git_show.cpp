#include "cli/git_show.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>

extern char** environ;

namespace ripple::cli {
namespace {

// Pipe ends closed on scope exit.
struct Pipe {
  std::array<int, 2> fd{-1, -1};
  Pipe() {
    if (::pipe2(fd.data(), O_CLOEXEC) != 0) fd = {-1, -1};
  }
  ~Pipe() {
    for (const int f : fd)
      if (f >= 0) ::close(f);
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  void close_write() {
    ::close(fd[1]);
    fd[1] = -1;
  }
  [[nodiscard]] bool ok() const { return fd[0] >= 0; }
};

// Reads both pipes to their end; poll() keeps a full stderr from blocking a stdout reader.
void drain(Pipe& out, Pipe& err, ProcessResult& result) {
  std::array<pollfd, 2> fds{pollfd{out.fd[0], POLLIN, 0}, pollfd{err.fd[0], POLLIN, 0}};
  std::array<std::string*, 2> sinks{&result.out, &result.err};
  int open = 2;
  std::array<char, 65536> buffer{};
  while (open > 0) {
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = ::read(fds[i].fd, buffer.data(), buffer.size());
      if (n > 0) {
        sinks[i]->append(buffer.data(), static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open;
      }
    }
  }
}

std::string first_line(std::string text) {
  const std::size_t end = text.find('\n');
  if (end != std::string::npos) text.resize(end);
  return text;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv) {
  ProcessResult result;
  Pipe out, err;
  if (!out.ok() || !err.ok()) {
    result.err = "cannot create a pipe";
    return result;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out.fd[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.fd[1], STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  out.close_write();
  err.close_write();
  if (spawned != 0) {
    result.err = "cannot run `" + argv[0] + "`: " + std::strerror(spawned);
    return result;
  }
  drain(out, err, result);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

GitFile git_show_file(const std::string& ref, const std::string& path, std::size_t max_bytes) {
  namespace fs = std::filesystem;
  GitFile file;
  file.label = ref + ":" + path;
  if (ref.empty() || ref.front() == '-') {
    file.error = "--base-ref `" + ref + "` is not a git revision";
    return file;
  }
  std::error_code ec;
  // Weakly: a base that a spec extends may exist at the revision only.
  const fs::path absolute = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) {
    file.error = "cannot read `" + path + "`: " + ec.message();
    return file;
  }
  const ProcessResult top =
      run_process({"git", "-C", absolute.parent_path().string(), "rev-parse", "--show-toplevel"});
  if (top.exit_code != 0) {
    file.error = "`" + path + "` is not inside a git repository" +
                 (top.err.empty() ? "" : " (" + first_line(top.err) + ")");
    return file;
  }
  const fs::path root = fs::canonical(trimmed(top.out), ec);
  const std::string relative = fs::relative(absolute, root, ec).generic_string();
  if (ec || relative.empty() || relative.rfind("..", 0) == 0) {
    file.error = "cannot place `" + path + "` inside the repository at " + root.string();
    return file;
  }
  file.label = ref + ":" + relative;
  // The size first: a blob past the limit is refused without git writing it into our memory.
  const ProcessResult size =
      run_process({"git", "-C", root.string(), "cat-file", "-s", file.label});
  if (size.exit_code != 0) {
    file.error = "git show " + file.label + " failed" +
                 (size.err.empty() ? "" : ": " + first_line(size.err));
    return file;
  }
  errno = 0;
  char* end = nullptr;
  const std::string size_text = trimmed(size.out);
  const unsigned long long bytes = std::strtoull(size_text.c_str(), &end, 10);
  if (size_text.empty() || *end != '\0' || errno == ERANGE || bytes > max_bytes) {
    file.error = file.label + " is too large: " + size_text + " bytes, more than " +
                 std::to_string(max_bytes >> 20) + " MiB";
    return file;
  }
  const ProcessResult shown = run_process({"git", "-C", root.string(), "show", file.label});
  if (shown.exit_code != 0) {
    file.error = "git show " + file.label + " failed" +
                 (shown.err.empty() ? "" : ": " + first_line(shown.err));
    return file;
  }
  file.text = shown.out;
  return file;
}

}  // namespace ripple::cli
