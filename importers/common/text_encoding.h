#pragma once

#include <QByteArray>
#include <QString>

namespace faultline::importers {

// Every export format we read is UTF-8. A UTF-16 file (PowerShell's `>` and Out-File write it) is
// refused before any parser sees it, with the conversion that fixes it: the parsers would otherwise
// report it as "not JSON" or as a syntax error on line 1. `head` is the start of the file.
void refuseUtf16(const QString& path, const QByteArray& head);

} // namespace faultline::importers
