#include "similarity.h"

#include <algorithm>

namespace faultline::importers::git {

namespace {
constexpr std::uint32_t kHashBase = 107927;
}

SpanHash::SpanHash(std::string_view content, bool isText)
    : m_size(content.size())
{
    std::vector<Span> raw;
    std::uint32_t accum1 = 0;
    std::uint32_t accum2 = 0;
    std::uint64_t n = 0;
    const char* buf = content.data();
    size_t left = content.size();
    while (left) {
        const std::uint32_t c = static_cast<unsigned char>(*buf++);
        const std::uint32_t old1 = accum1;
        --left;
        // git ignores the CR of a CRLF pair in text.
        if (isText && c == '\r' && left && *buf == '\n')
            continue;
        accum1 = (accum1 << 7) ^ (accum2 >> 25);
        accum2 = (accum2 << 7) ^ (old1 >> 25);
        accum1 += c;
        if (++n < 64 && c != '\n')
            continue;
        raw.push_back({ (accum1 + accum2 * 0x61) % kHashBase, n });
        n = 0;
        accum1 = accum2 = 0;
    }
    if (n > 0)
        raw.push_back({ (accum1 + accum2 * 0x61) % kHashBase, n });
    std::sort(raw.begin(), raw.end(), [](const Span& a, const Span& b) { return a.hash < b.hash; });
    for (const Span& s : raw) {
        if (!m_spans.empty() && m_spans.back().hash == s.hash)
            m_spans.back().count += s.count;
        else
            m_spans.push_back(s);
    }
}

std::uint64_t SpanHash::copiedBytes(const SpanHash& src, const SpanHash& dst)
{
    std::uint64_t copied = 0;
    auto s = src.m_spans.begin();
    for (const Span& d : dst.m_spans) {
        while (s != src.m_spans.end() && s->hash < d.hash)
            ++s;
        if (s == src.m_spans.end())
            break;
        if (s->hash == d.hash)
            copied += std::min(s->count, d.count);
    }
    return copied;
}

int similarityScore(const SpanHash& src, const SpanHash& dst, int minimumScore)
{
    const std::uint64_t maxSize = std::max(src.size(), dst.size());
    const std::uint64_t baseSize = std::min(src.size(), dst.size());
    const std::uint64_t deltaSize = maxSize - baseSize;
    if (maxSize * std::uint64_t(kMaxSimilarityScore - minimumScore) < deltaSize * kMaxSimilarityScore)
        return 0;
    if (maxSize == 0)
        return 0;
    return int(SpanHash::copiedBytes(src, dst) * kMaxSimilarityScore / maxSize);
}

} // namespace faultline::importers::git
