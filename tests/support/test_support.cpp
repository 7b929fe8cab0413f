#include "test_support.h"

#include "store/sqlite_database.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>

namespace faultline::test {

QByteArray fileSha256(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

std::int64_t rowCount(const store::SqliteDatabase& db, const QString& table)
{
    // Table names come from the test itself, never from data.
    return db.queryInt64("SELECT count(*) FROM " + table.toStdString());
}

QString dataPath(const QString& relative)
{
    return QStringLiteral(FAULTLINE_TEST_DATA) + QLatin1Char('/') + relative;
}

QByteArray readData(const QString& relative)
{
    QFile file(dataPath(relative));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(relative));
    return file.readAll();
}

QString sharedSamplesDir()
{
    const QString fromEnv = qEnvironmentVariable("FAULTLINE_SHARED_SAMPLES");
    if (!fromEnv.isEmpty() && QDir(fromEnv).exists())
        return QDir(fromEnv).canonicalPath();
    return {};
}

ProcessResult runFaultline(const QStringList& args, int timeoutMs)
{
    ProcessResult result;
    const QString binary = qEnvironmentVariable("FAULTLINE_BINARY");
    if (binary.isEmpty()) {
        result.err = QStringLiteral("FAULTLINE_BINARY is not set (run the test through ctest)");
        return result;
    }
    QProcess process;
    process.setProgram(binary);
    process.setArguments(args);
    process.start();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("timed out");
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

} // namespace faultline::test
