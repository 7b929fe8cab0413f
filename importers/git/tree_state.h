#pragma once

#include "line_tracker.h"

#include <array>
#include <memory>
#include <string>
#include <unordered_map>

namespace faultline::importers::git {

// The tracked text files of one commit: path → lines. Copies are cheap (they share buckets) and a
// bucket is cloned only when a shared copy is written to, so keeping the state of every open branch
// costs memory in proportion to what the branches changed, not to the size of the tree.
class TreeState
{
public:
    FileLinesPtr find(const std::string& path) const;
    void set(const std::string& path, FileLinesPtr lines);
    void erase(const std::string& path);

    template <typename F>
    void forEach(F&& f) const
    {
        for (const auto& bucket : m_buckets) {
            if (!bucket)
                continue;
            for (const auto& [path, lines] : *bucket)
                f(path, lines);
        }
    }

private:
    static constexpr size_t kBuckets = 1024;
    using Bucket = std::unordered_map<std::string, FileLinesPtr>;
    static size_t bucketOf(const std::string& path);
    Bucket& writable(size_t index);

    std::array<std::shared_ptr<Bucket>, kBuckets> m_buckets;
};

} // namespace faultline::importers::git
