// Runs a binary in the background (for runners started at once, or killed midway): everything the
// child needs is prepared before fork(), so the child only redirects and execs.
#pragma once

#include <chrono>
#include <fcntl.h>
#include <map>
#include <signal.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace retort::test {

class background {
public:
    background(const std::vector<std::string>& argv, const std::string& output_path,
               const std::map<std::string, std::string>& env = {}) {
        std::map<std::string, std::string> all;
        for (char** e = environ; *e; ++e) {
            std::string kv = *e;
            auto eq = kv.find('=');
            if (eq != std::string::npos) all[kv.substr(0, eq)] = kv.substr(eq + 1);
        }
        for (const auto& [k, v] : env) {
            if (v.empty()) all.erase(k);
            else all[k] = v;
        }
        for (const auto& [k, v] : all) m_env.push_back(k + "=" + v);
        m_args = argv;
        std::vector<char*> args, envp;
        for (auto& a : m_args) args.push_back(a.data());
        args.push_back(nullptr);
        for (auto& e : m_env) envp.push_back(e.data());
        envp.push_back(nullptr);
        int out = open(output_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        m_pid = fork();
        if (m_pid == 0) {
            dup2(out, 1);
            dup2(out, 2);
            execve(args[0], args.data(), envp.data());
            _exit(127);
        }
        close(out);
    }
    ~background() {
        if (m_pid > 0 && !m_done) {
            kill(m_pid, SIGKILL);
            wait();
        }
    }
    background(const background&) = delete;
    background& operator=(const background&) = delete;

    /// The exit status, or 128 + signal.
    int wait() {
        if (m_done) return m_status;
        int status = 0;
        waitpid(m_pid, &status, 0);
        m_done = true;
        m_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return m_status;
    }
    void kill_now() { kill(m_pid, SIGKILL); }
    pid_t pid() const { return m_pid; }

private:
    std::vector<std::string> m_args, m_env;
    pid_t m_pid = -1;
    bool m_done = false;
    int m_status = -1;
};

/// Polls `condition` every 50 ms for at most `limit`; true when it held.
template <class F>
bool eventually(F condition, std::chrono::milliseconds limit = std::chrono::seconds(20)) {
    auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

}  // namespace retort::test
