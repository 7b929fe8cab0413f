#include "commit_record.h"

#include <algorithm>
#include <unordered_map>

namespace faultline::importers::git {

void markMovedLines(CommitRecord& record)
{
    auto key = [](const FileDiff& f) -> const std::string& { return f.path.empty() ? f.oldPath : f.path; };
    std::sort(record.files.begin(), record.files.end(), [&](const FileDiff& a, const FileDiff& b) { return key(a) < key(b); });
    std::unordered_map<std::uint64_t, std::int32_t> added;
    for (const FileDiff& f : record.files) {
        for (std::uint64_t h : f.addedHashes)
            ++added[h];
    }
    for (FileDiff& f : record.files) {
        if (!added.empty()) {
            for (const auto& [oldLine, h] : f.deletedHashes) {
                auto it = added.find(h);
                if (it != added.end() && it->second > 0) {
                    --it->second;
                    f.movedOldLines.push_back(oldLine);
                }
            }
            std::sort(f.movedOldLines.begin(), f.movedOldLines.end());
        }
        f.deletedHashes = {};
        f.addedHashes = {};
    }
}

} // namespace faultline::importers::git
