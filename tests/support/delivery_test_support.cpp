#include "delivery_test_support.h"

#include "store/workspace.h"
#include "test_support.h"

#include <QTest>

namespace faultline::test {

importers::FileImportReport importFiles(const QString& workspace, const importers::FileImportKind& kind,
                                        const QStringList& inputs, importers::FileImportOptions options)
{
    options.inputs = inputs;
    store::Workspace ws = store::Workspace::open(workspace);
    return importers::runFileImport(ws, kind, options, {});
}

QString verifyFileImportFails(const QString& workspace, const importers::FileImportKind& kind,
                              const QStringList& inputs, const importers::FileImportOptions& options,
                              const QStringList& parts)
{
    const QByteArray before = fileSha256(workspace);
    const QString message = importErrorOf([&] { importFiles(workspace, kind, inputs, options); });
    [&] {
        QVERIFY2(!message.isEmpty(), "the import did not fail");
        verifyContainsAll(message, parts);
        QCOMPARE(fileSha256(workspace), before);
    }();
    return message;
}

} // namespace faultline::test
