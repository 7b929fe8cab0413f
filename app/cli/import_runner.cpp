#include "import_runner.h"

#include "common/import_error.h"
#include "store/store_error.h"
#include "store/workspace.h"

#include <QFile>
#include <QFileInfo>

#include <optional>

namespace faultline::cli {

int runImportInWorkspace(const QString& kind, const QString& workspacePath, QTextStream& err,
                         const std::function<int(store::Workspace& workspace, bool created)>& work)
{
    const bool created = !QFileInfo::exists(workspacePath);
    std::optional<store::Workspace> ws;
    auto fail = [&](const char* what) {
        err << "faultline import " << kind << ": " << what << '\n';
        ws.reset(); // close before a created file is removed
        if (created) {
            for (const char* suffix : { "", "-wal", "-shm" })
                QFile::remove(workspacePath + QLatin1String(suffix));
        }
        return Failure;
    };
    try {
        ws.emplace(created ? store::Workspace::create(workspacePath) : store::Workspace::open(workspacePath));
        const int code = work(*ws, created);
        if (code == Ok && created)
            err << "Created workspace " << workspacePath << '\n';
        return code;
    } catch (const importers::ImportCancelled& e) {
        return fail(e.what());
    } catch (const importers::ImportError& e) {
        return fail(e.what());
    } catch (const store::StoreError& e) {
        return fail(e.what());
    }
}

} // namespace faultline::cli
