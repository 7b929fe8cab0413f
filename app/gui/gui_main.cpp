#include "gui_main.h"

#include "main_window.h"
#include "settings.h"

#include <QApplication>
#include <QIcon>

// The resources are compiled into an object library that ends up inside the faultline_app archive,
// where nothing refers to their static initialiser, so the linker leaves it out of the executables.
// Referencing the init function pulls it in. (Q_INIT_RESOURCE must be used in the global namespace.)
static void initFaultlineResources()
{
    Q_INIT_RESOURCE(faultline_resources);
}

namespace faultline::gui {

void initResources()
{
    static const bool initialised = [] {
        initFaultlineResources();
        return true;
    }();
    Q_UNUSED(initialised);
}

int runGui(int& argc, char** argv, const QString& workspaceToOpen)
{
    QApplication app(argc, argv);
    initResources();
    // The same names Settings uses, so anything else keyed on them (QSettings(), QStandardPaths'
    // AppDataLocation) lands next to the settings file.
    QApplication::setOrganizationName(Settings::organizationName());
    QApplication::setApplicationName(Settings::applicationName());
    QApplication::setApplicationDisplayName(Settings::applicationName());
    QApplication::setApplicationVersion(QStringLiteral(FAULTLINE_VERSION));
    // Lets Wayland compositors and task bars match windows to dev.faultline.Faultline.desktop.
    QGuiApplication::setDesktopFileName(QStringLiteral(FAULTLINE_APP_ID));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/faultline/icons/faultline.svg")));

    Settings settings;
    MainWindow window(&settings);
    if (!workspaceToOpen.isEmpty())
        window.openWorkspace(workspaceToOpen);
    window.show();
    return QApplication::exec();
}

} // namespace faultline::gui
