#include "ci_test_support.h"

#include "ci/ci_format.h"
#include "common/import_error.h"
#include "store/sqlite_database.h"
#include "store/sqlite_statement.h"
#include "store/workspace.h"
#include "test_support.h"

#include <QFile>
#include <QTest>
#include <QTimeZone>

namespace faultline::test {

QStringList texts(std::initializer_list<const char*> utf8)
{
    QStringList list;
    for (const char* text : utf8)
        list << QString::fromUtf8(text);
    return list;
}

QStringList dataPaths(const QStringList& names, const QString& folder)
{
    QStringList paths;
    for (const QString& name : names)
        paths << dataPath(folder.isEmpty() ? name : folder + QLatin1Char('/') + name);
    return paths;
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

ScratchWorkspace::ScratchWorkspace()
    : workspace(dir.filePath(QStringLiteral("w.faultline")))
{
    store::Workspace::create(workspace);
}

importers::ci::CiImportReport importCi(store::Workspace& ws, const QStringList& inputs,
                                       const CiImportArgs& args)
{
    importers::ci::CiImportOptions options;
    options.inputs = inputs;
    options.jobId = args.job;
    options.runId = args.run;
    options.project = args.project;
    if (!args.format.isEmpty())
        options.format = importers::ci::formatFromName(args.format);
    options.commitSha = args.commit;
    if (!args.zone.isEmpty())
        options.naiveZone = QTimeZone(args.zone.toUtf8());
    return importers::ci::CiImporter::run(ws, options, args.progress);
}

importers::ci::CiImportReport importCi(const QString& workspace, const QStringList& inputs,
                                       const CiImportArgs& args)
{
    store::Workspace ws = store::Workspace::open(workspace);
    return importCi(ws, inputs, args);
}

QString importErrorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const importers::ImportError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

void verifyContainsAll(const QString& message, const QStringList& parts)
{
    for (const QString& part : parts)
        QVERIFY2(message.contains(part), qPrintable(QStringLiteral("\"%1\" not in: %2").arg(part, message)));
}

QString verifyImportFails(const QString& workspace, const QStringList& inputs, const CiImportArgs& args,
                          const QStringList& parts)
{
    const QByteArray before = fileSha256(workspace);
    const QString message = importErrorOf([&] { importCi(workspace, inputs, args); });
    // QVERIFY returns from the function it stands in, which must be void.
    [&] {
        QVERIFY2(!message.isEmpty(), "the import did not fail");
        verifyContainsAll(message, parts);
        QCOMPARE(fileSha256(workspace), before);
    }();
    return message;
}

QString scalar(const store::SqliteDatabase& db, QAnyStringView sql)
{
    auto s = db.prepare(sql.toString().toStdString());
    if (!s.step())
        return QStringLiteral("<no row>");
    return s.isNull(0) ? QStringLiteral("NULL") : s.text(0);
}

QStringList sqlRows(store::SqliteStatement& statement, const QString& null)
{
    QStringList rows;
    while (statement.step()) {
        QStringList columns;
        for (int i = 0; i < statement.columnCount(); ++i)
            columns << (statement.isNull(i) ? null : statement.text(i));
        rows << columns.join(QLatin1Char('|'));
    }
    return rows;
}

QStringList sqlRows(const store::SqliteDatabase& db, QAnyStringView sql, const QString& null)
{
    auto s = db.prepare(sql.toString().toStdString());
    return sqlRows(s, null);
}

QStringList workspaceRows(const QString& workspace, QAnyStringView sql)
{
    const auto ws = store::Workspace::openReadOnly(workspace);
    return sqlRows(ws.db(), sql);
}

std::int64_t workspaceCount(const QString& workspace, QAnyStringView table)
{
    const auto ws = store::Workspace::openReadOnly(workspace);
    return rowCount(ws.db(), table.toString());
}

void verifyChecks(const store::SqliteDatabase& db, const QStringList& checks, CheckAnswer answer)
{
    const QString arrow = QStringLiteral(" => ");
    for (const QString& check : checks) {
        const qsizetype at = check.indexOf(arrow);
        QVERIFY2(at > 0, qPrintable(check));
        const QString sql = check.left(at);
        const QString expected = check.mid(at + arrow.size());
        const QString actual = answer == CheckAnswer::FirstValue
            ? scalar(db, sql)
            : sqlRows(db, sql).join(QStringLiteral("; "));
        QVERIFY2(actual == expected,
                 qPrintable(QStringLiteral("%1\n   actual: %2\n expected: %3").arg(sql, actual, expected)));
    }
}

void verifyChecks(const QString& workspace, const QStringList& checks, CheckAnswer answer)
{
    const auto ws = store::Workspace::openReadOnly(workspace);
    verifyChecks(ws.db(), checks, answer);
}

} // namespace faultline::test
