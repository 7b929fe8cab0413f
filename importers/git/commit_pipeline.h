#pragma once

#include "commit_reader.h"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace faultline::importers::git {

// Reads commits on worker threads and hands them back strictly in history order. The work is split
// by path, not by commit: every worker walks the whole history but diffs only the files whose path
// hashes to it, so the previous version of a file is still in that worker's object cache (each worker
// owns its CommitReader and so its git_repository). Workers run at most `window` commits ahead of the
// consumer, which bounds memory whatever the history's length.
class CommitPipeline
{
public:
    CommitPipeline(const QString& repositoryPath, const ReaderOptions& options, std::vector<git_oid> ids,
        std::vector<CommitIndex> indexes, int workers, size_t window = 512);
    ~CommitPipeline();
    CommitPipeline(const CommitPipeline&) = delete;
    CommitPipeline& operator=(const CommitPipeline&) = delete;

    // The next commit in order, all shards merged; rethrows a worker's exception (missing object, …).
    CommitRecord next();

private:
    struct Part
    {
        std::optional<CommitRecord> record;
        std::exception_ptr error;
    };
    void work(CommitReader& reader, unsigned shard);

    std::vector<git_oid> m_ids;
    std::vector<CommitIndex> m_indexes;
    size_t m_window;
    unsigned m_shards;
    std::vector<std::vector<Part>> m_slots; // ring of `window` slots, one part per shard
    std::mutex m_mutex;
    std::condition_variable m_ready; // a part was filled
    std::condition_variable m_space; // the consumer advanced
    size_t m_consumed = 0;
    bool m_stop = false;
    std::vector<std::unique_ptr<CommitReader>> m_readers;
    std::vector<std::thread> m_threads;
};

} // namespace faultline::importers::git
