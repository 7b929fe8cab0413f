#include "token_jaccard.h"

#include <algorithm>
#include <numeric>

namespace faultline::metrics {

std::vector<QString> similarityTokens(const QString& normalized)
{
    std::vector<QString> tokens;
    qsizetype start = -1;
    for (qsizetype i = 0; i <= normalized.size(); ++i) {
        const bool word = i < normalized.size() && normalized.at(i).isLetterOrNumber();
        if (word && start < 0)
            start = i;
        else if (!word && start >= 0) {
            tokens.push_back(normalized.mid(start, i - start));
            start = -1;
        }
    }
    std::sort(tokens.begin(), tokens.end());
    tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
    return tokens;
}

double tokenJaccard(const std::vector<QString>& a, const std::vector<QString>& b)
{
    std::size_t common = 0;
    auto i = a.begin();
    auto j = b.begin();
    while (i != a.end() && j != b.end()) {
        if (*i < *j)
            ++i;
        else if (*j < *i)
            ++j;
        else {
            ++common;
            ++i;
            ++j;
        }
    }
    const std::size_t all = a.size() + b.size() - common;
    return all == 0 ? 0.0 : double(common) / double(all);
}

namespace {

// Union-find whose root is always the smallest member, so that the merged clusters (connected
// components) and their representatives do not depend on the order pairs are compared in.
class Components
{
public:
    explicit Components(std::size_t n)
        : m_parent(n)
    {
        std::iota(m_parent.begin(), m_parent.end(), std::size_t(0));
    }
    std::size_t find(std::size_t x)
    {
        while (m_parent[x] != x)
            x = m_parent[x] = m_parent[m_parent[x]];
        return x;
    }
    void unite(std::size_t a, std::size_t b)
    {
        a = find(a);
        b = find(b);
        if (a != b)
            m_parent[std::max(a, b)] = std::min(a, b);
    }

private:
    std::vector<std::size_t> m_parent;
};

} // namespace

std::vector<std::size_t> mergeSimilarGroups(const std::vector<std::pair<QString, QString>>& groups,
                                            double threshold)
{
    Components components(groups.size());
    std::vector<std::vector<QString>> tokens;
    tokens.reserve(groups.size());
    for (const auto& g : groups)
        tokens.push_back(similarityTokens(g.second));
    for (std::size_t a = 0; a < groups.size(); ++a) {
        for (std::size_t b = a + 1; b < groups.size() && groups[b].first == groups[a].first; ++b) {
            // |A ∩ B| / |A ∪ B| <= min / max of the sizes: skips most pairs of a service with many
            // fingerprints without comparing their tokens.
            const std::size_t small = std::min(tokens[a].size(), tokens[b].size());
            const std::size_t large = std::max(tokens[a].size(), tokens[b].size());
            if (large > 0 && double(small) / double(large) < threshold)
                continue;
            if (tokenJaccard(tokens[a], tokens[b]) >= threshold)
                components.unite(a, b);
        }
    }
    std::vector<std::size_t> roots(groups.size());
    for (std::size_t k = 0; k < groups.size(); ++k)
        roots[k] = components.find(k);
    return roots;
}

} // namespace faultline::metrics
