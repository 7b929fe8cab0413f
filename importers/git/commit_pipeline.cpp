#include "commit_pipeline.h"

#include <algorithm>

namespace faultline::importers::git {

CommitPipeline::CommitPipeline(const QString& repositoryPath, const ReaderOptions& options, std::vector<git_oid> ids,
    std::vector<CommitIndex> indexes, int workers, size_t window)
    : m_ids(std::move(ids))
    , m_indexes(std::move(indexes))
    , m_window(std::max<size_t>(window, 1))
    , m_shards(unsigned(std::max(workers, 1)))
    , m_slots(m_window, std::vector<Part>(m_shards))
{
    // Readers are opened here, on the caller's thread, so a repository that cannot be opened fails
    // the constructor instead of a worker.
    for (unsigned w = 0; w < m_shards; ++w)
        m_readers.push_back(std::make_unique<CommitReader>(repositoryPath, options));
    for (unsigned w = 0; w < m_shards; ++w)
        m_threads.emplace_back([this, w] { work(*m_readers[w], w); });
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

void CommitPipeline::work(CommitReader& reader, unsigned shard)
{
    for (size_t position = 0; position < m_ids.size(); ++position) {
        {
            std::unique_lock lock(m_mutex);
            m_space.wait(lock, [&] { return m_stop || position < m_consumed + m_window; });
            if (m_stop)
                return;
        }
        Part part;
        try {
            part.record = reader.read(m_ids[position], m_indexes[position], shard, m_shards);
        } catch (...) {
            part.error = std::current_exception();
        }
        {
            std::lock_guard lock(m_mutex);
            m_slots[position % m_window][shard] = std::move(part);
        }
        m_ready.notify_all();
    }
}

CommitRecord CommitPipeline::next()
{
    std::vector<Part> parts;
    {
        std::unique_lock lock(m_mutex);
        std::vector<Part>& slot = m_slots[m_consumed % m_window];
        m_ready.wait(lock, [&] {
            return std::all_of(slot.begin(), slot.end(), [](const Part& p) { return p.record.has_value() || p.error; });
        });
        parts.swap(slot);
        slot.assign(m_shards, Part {});
        ++m_consumed;
    }
    m_space.notify_all();
    for (Part& p : parts) {
        if (p.error)
            std::rethrow_exception(p.error);
    }
    const auto withMetadata = std::find_if(parts.begin(), parts.end(), [](const Part& p) { return p.record->hasMetadata; });
    CommitRecord merged = std::move(*withMetadata->record);
    for (auto part = parts.begin(); part != parts.end(); ++part) {
        if (part == withMetadata)
            continue;
        auto& files = part->record->files;
        merged.files.insert(merged.files.end(), std::make_move_iterator(files.begin()), std::make_move_iterator(files.end()));
    }
    markMovedLines(merged);
    return merged;
}

} // namespace faultline::importers::git
