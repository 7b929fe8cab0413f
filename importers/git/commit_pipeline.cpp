#include "commit_pipeline.h"

namespace faultline::importers::git {

CommitPipeline::CommitPipeline(const QString& repositoryPath, const ReaderOptions& options, std::vector<git_oid> ids,
    std::vector<CommitIndex> indexes, int workers, size_t window)
    : m_ids(std::move(ids))
    , m_indexes(std::move(indexes))
    , m_window(std::max<size_t>(window, kBatch * size_t(std::max(workers, 1)) * 2))
    , m_slots(m_window)
{
    // Readers are opened here, on the caller's thread, so a repository that cannot be opened fails
    // the constructor instead of a worker.
    for (int w = 0; w < std::max(workers, 1); ++w)
        m_readers.push_back(std::make_unique<CommitReader>(repositoryPath, options));
    for (auto& reader : m_readers)
        m_threads.emplace_back([this, r = reader.get()] { work(*r); });
}

CommitPipeline::~CommitPipeline()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_space.notify_all();
    m_ready.notify_all();
    for (auto& t : m_threads)
        t.join();
}

void CommitPipeline::work(CommitReader& reader)
{
    for (;;) {
        size_t first = 0;
        size_t end = 0;
        {
            std::unique_lock lock(m_mutex);
            // A worker takes a run of consecutive commits: a file's old blob is then usually the new blob
            // of a commit the same worker just read, still in its repository's object cache.
            m_space.wait(lock, [&] {
                return m_stop || m_nextToRead >= m_ids.size() || m_nextToRead + kBatch <= m_consumed + m_window;
            });
            if (m_stop || m_nextToRead >= m_ids.size())
                return;
            first = m_nextToRead;
            end = std::min(first + kBatch, m_ids.size());
            m_nextToRead = end;
        }
        for (size_t position = first; position < end; ++position) {
            Slot slot;
            try {
                slot.record = reader.read(m_ids[position], m_indexes[position]);
            } catch (...) {
                slot.error = std::current_exception();
            }
            {
                std::lock_guard lock(m_mutex);
                if (m_stop)
                    return;
                m_slots[position % m_window] = std::move(slot);
            }
            m_ready.notify_all();
        }
    }
}

CommitRecord CommitPipeline::next()
{
    Slot slot;
    {
        std::unique_lock lock(m_mutex);
        Slot& s = m_slots[m_consumed % m_window];
        m_ready.wait(lock, [&] { return s.record.has_value() || s.error; });
        slot = std::move(s);
        s = Slot {};
        ++m_consumed;
    }
    m_space.notify_all();
    if (slot.error)
        std::rethrow_exception(slot.error);
    return std::move(*slot.record);
}

} // namespace faultline::importers::git
