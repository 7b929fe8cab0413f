#pragma once

#include "commit_reader.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace faultline::importers::git {

// Reads commits on worker threads (each with its own CommitReader and so its own git_repository)
// and hands them back strictly in the given order. Workers run at most `window` commits ahead of the
// consumer, which bounds memory whatever the history's length.
class CommitPipeline
{
public:
    CommitPipeline(const QString& repositoryPath, const ReaderOptions& options, std::vector<git_oid> ids,
        std::vector<CommitIndex> indexes, int workers, size_t window = 256);
    ~CommitPipeline();
    CommitPipeline(const CommitPipeline&) = delete;
    CommitPipeline& operator=(const CommitPipeline&) = delete;

    // The next commit in order; rethrows a worker's exception (missing object, …) at its position.
    CommitRecord next();
    bool atEnd() const { return m_consumed >= m_ids.size(); }

private:
    static constexpr size_t kBatch = 16;
    struct Slot
    {
        std::optional<CommitRecord> record;
        std::exception_ptr error;
    };
    void work(CommitReader& reader);

    std::vector<git_oid> m_ids;
    std::vector<CommitIndex> m_indexes;
    size_t m_window;
    std::vector<Slot> m_slots; // ring of `window` slots
    std::mutex m_mutex;
    std::condition_variable m_ready; // a slot was filled
    std::condition_variable m_space; // the consumer advanced
    size_t m_nextToRead = 0;
    size_t m_consumed = 0;
    bool m_stop = false;
    std::vector<std::unique_ptr<CommitReader>> m_readers;
    std::vector<std::thread> m_threads;
};

} // namespace faultline::importers::git
