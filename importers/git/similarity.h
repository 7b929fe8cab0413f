#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace faultline::importers::git {

// git's content similarity for rename detection (diffcore-delta.c + estimate_similarity in
// diffcore-rename.c), reimplemented because blame must agree with `git blame`, and libgit2's
// hashsig-based metric pairs different files. The content is cut into chunks that end at a newline
// or after 64 bytes, each hashed; the score is the bytes of the destination found in the source,
// over the larger size. Scores run from 0 to kMaxScore; git's default rename threshold is 50 %.
class SpanHash
{
public:
    SpanHash() = default;
    SpanHash(std::string_view content, bool isText);

    std::uint64_t size() const { return m_size; }
    // Bytes of `dst` found in `src` (git's src_copied).
    static std::uint64_t copiedBytes(const SpanHash& src, const SpanHash& dst);

private:
    struct Span
    {
        std::uint32_t hash;
        std::uint64_t count;
    };
    std::vector<Span> m_spans; // sorted by hash, counts summed
    std::uint64_t m_size = 0;
};

inline constexpr int kMaxSimilarityScore = 60000;
inline constexpr int kDefaultRenameScore = 30000;

// estimate_similarity(): 0 when the sizes differ too much to reach minimumScore.
int similarityScore(const SpanHash& src, const SpanHash& dst, int minimumScore = kDefaultRenameScore);

} // namespace faultline::importers::git
