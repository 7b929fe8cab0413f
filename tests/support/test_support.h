#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace faultline::store {
class SqliteDatabase;
}

namespace faultline::test {

// SHA-256 (hex) of a file's bytes, for "the workspace is byte-for-byte unchanged" checks.
QByteArray fileSha256(const QString& path);

std::int64_t rowCount(const store::SqliteDatabase& db, const QString& table);

// Path of a fixture under tests/data.
QString dataPath(const QString& relative);

// The bytes of a fixture under tests/data; a test cannot go on without it (qFatal).
QByteArray readData(const QString& relative);

// A QString from a UTF-8 literal: QT_NO_CAST_FROM_ASCII rules out the implicit conversion.
inline QString S(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

// ../shared/samples beside the project, or an empty string when it is not there (tests then skip).
QString sharedSamplesDir();

struct ProcessResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs the built faultline binary (path from the FAULTLINE_BINARY environment variable set by CTest).
ProcessResult runFaultline(const QStringList& args, int timeoutMs = 120000);

} // namespace faultline::test
