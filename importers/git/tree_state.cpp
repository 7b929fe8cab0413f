#include "tree_state.h"

#include <functional>

namespace faultline::importers::git {

size_t TreeState::bucketOf(const std::string& path)
{
    return std::hash<std::string>()(path) % kBuckets;
}

TreeState::Bucket& TreeState::writable(size_t index)
{
    auto& bucket = m_buckets[index];
    if (!bucket)
        bucket = std::make_shared<Bucket>();
    else if (bucket.use_count() > 1)
        bucket = std::make_shared<Bucket>(*bucket);
    return *bucket;
}

FileLinesPtr TreeState::find(const std::string& path) const
{
    const auto& bucket = m_buckets[bucketOf(path)];
    if (!bucket)
        return nullptr;
    auto it = bucket->find(path);
    return it == bucket->end() ? nullptr : it->second;
}

void TreeState::set(const std::string& path, FileLinesPtr lines)
{
    writable(bucketOf(path))[path] = std::move(lines);
}

void TreeState::erase(const std::string& path)
{
    const size_t index = bucketOf(path);
    if (!m_buckets[index] || !m_buckets[index]->count(path))
        return;
    writable(index).erase(path);
}

} // namespace faultline::importers::git
