#pragma once

#include <QString>

#include <cstdint>

namespace faultline::importers::link {

// Small texts shared by the link units: what drill-downs show and the keys names are matched by.

// The first 7 characters of a sha, as git prints it.
QString sha7(const QString& sha);

// A duration for people: "25 min", "3.2 h", "4.5 days".
QString durationText(std::int64_t ms);

// The name a repository is known by in any of its spellings: URL, owner/name, path or name, lower
// case, without ".git" ("https://github.com/Acme/Shop.git" → "shop").
QString repositoryKey(const QString& repositoryOrProject);

// A lower-case hex string of at least 7 characters: a full or abbreviated commit id.
bool looksLikeSha(const QString& text);

} // namespace faultline::importers::link
