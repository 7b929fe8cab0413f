#pragma once

// Helpers shared by the CI importer tests (tst_ci_*.cpp): fixtures, `import ci` with its options,
// expected failures, and reading back what an import stored.

#include "ci/ci_importer.h"
#include "common/progress.h"

#include <QAnyStringView>
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <cstdint>
#include <functional>
#include <initializer_list>

namespace faultline::store {
class SqliteDatabase;
class SqliteStatement;
class Workspace;
} // namespace faultline::store

namespace faultline::test {

// QT_NO_CAST_FROM_ASCII rules out QStringList { "a", "b" }; data rows are mostly literals.
QStringList texts(std::initializer_list<const char*> utf8);

// Fixtures under tests/data: each name inside `folder`, or as given when the names carry their folder.
QStringList dataPaths(const QStringList& names, const QString& folder = {});

// Writes `content` to `name` in `dir` and returns its path; a test cannot go on without the file.
QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content);

// An empty workspace in a temporary folder, closed again: every import and query opens its own
// connection, as separate `faultline` commands would.
struct ScratchWorkspace
{
    QTemporaryDir dir;
    QString workspace; // the .faultline file in dir

    ScratchWorkspace();
    QString write(const QString& name, const QByteArray& content) const
    {
        return writeFile(dir, name, content);
    }
};

// The `import ci` options a test may give, named in designated initialisers ({ .run = … }); empty
// ones are left out, as on the command line. The `{}` initialisers keep GCC's
// -Wmissing-field-initializers quiet about the fields such an initialiser leaves out.
struct CiImportArgs
{
    QString job {}; // --job
    QString run {}; // --run
    QString project {}; // --project
    QString format {}; // --format, by its name
    QString commit {}; // --commit
    QString zone {}; // --zone (IANA id) for timestamps without one
    importers::ProgressCallback progress {};
};

// `import ci` through a connection the test keeps, or by path through one of its own for this import.
importers::ci::CiImportReport importCi(store::Workspace& ws, const QStringList& inputs,
                                       const CiImportArgs& args = {});
importers::ci::CiImportReport importCi(const QString& workspace, const QStringList& inputs,
                                       const CiImportArgs& args = {});

// The message of the ImportError `f` throws, empty when it throws none; other exceptions fail the test.
QString importErrorOf(const std::function<void()>& f);

// Checks that `message` holds every one of `parts`, naming the one it lacks.
void verifyContainsAll(const QString& message, const QStringList& parts);

// Runs an import that must fail with an ImportError naming every one of `parts` and leave the
// workspace file byte for byte as it was (the whole command rolls back). Returns the message.
QString verifyImportFails(const QString& workspace, const QStringList& inputs, const CiImportArgs& args,
                          const QStringList& parts);

// The first column of the first row as text: "NULL" for null, "<no row>" when there is none, so
// that a missing row and a NULL value fail differently.
QString scalar(const store::SqliteDatabase& db, QAnyStringView sql);

// Every row of a statement or query, its columns joined by '|' and `null` standing for NULL, so a
// whole result compares as one list.
QStringList sqlRows(store::SqliteStatement& statement, const QString& null = QStringLiteral("NULL"));
QStringList sqlRows(const store::SqliteDatabase& db, QAnyStringView sql,
                    const QString& null = QStringLiteral("NULL"));

// The same, read from the workspace file through a read-only connection of its own.
QStringList workspaceRows(const QString& workspace, QAnyStringView sql);
std::int64_t workspaceCount(const QString& workspace, QAnyStringView table);

// How a check's SQL is answered: its first value (aggregates, one-row lookups), or all its rows
// joined by "; ".
enum class CheckAnswer
{
    FirstValue,
    AllRows
};

// Runs every "SQL => expected" check and compares its answer with the expected text.
void verifyChecks(const store::SqliteDatabase& db, const QStringList& checks,
                  CheckAnswer answer = CheckAnswer::AllRows);
void verifyChecks(const QString& workspace, const QStringList& checks,
                  CheckAnswer answer = CheckAnswer::AllRows);

} // namespace faultline::test
