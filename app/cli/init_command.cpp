#include "init_command.h"

#include "command_line.h"

#include "store/store_error.h"
#include "store/workspace.h"

#include <QFileInfo>

namespace faultline::cli {

int runInit(const QStringList& args, QTextStream& out, QTextStream& err)
{
    CommandLine cl(QStringLiteral("init"), QStringLiteral("Create an empty workspace file."));
    cl.parser().addPositionalArgument(QStringLiteral("workspace"),
        QStringLiteral("Path of the new workspace (conventionally *.faultline)."));
    if (auto code = cl.parse(args, out, err))
        return *code;
    const QStringList positional = cl.parser().positionalArguments();
    if (positional.size() != 1)
        return cl.usageError(QStringLiteral("expected exactly one workspace path"), err);

    const QString path = positional.front();
    try {
        auto workspace = store::Workspace::create(path);
        out << "Created workspace " << QFileInfo(path).absoluteFilePath() << " (schema v" << workspace.schemaVersion()
            << ")\n";
        return Ok;
    } catch (const store::StoreError& e) {
        err << "faultline init: " << QString::fromStdString(e.what()) << '\n';
        return Failure;
    }
}

} // namespace faultline::cli
