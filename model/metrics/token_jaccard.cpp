#include "token_jaccard.h"

#include <algorithm>

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

} // namespace faultline::metrics
