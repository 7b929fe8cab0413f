#include "snapshot_command.h"

#include "command.h"
#include "command_line.h"
#include "gui/filter_state.h"
#include "gui/gui_main.h"
#include "gui/theme.h"
#include "gui/views/view.h"
#include "gui/views/view_data.h"
#include "gui/views/view_factory.h"
#include "store/store_error.h"
#include "store/workspace.h"

#include <QApplication>
#include <QFileInfo>
#include <QImageWriter>
#include <QRegularExpression>

#include <cstring>
#include <stdexcept>

namespace faultline::cli {

namespace {

constexpr int kMinSide = 320;
constexpr int kMaxSide = 7680;

} // namespace

std::unique_ptr<QCoreApplication> makeCommandApplication(int& argc, char** argv)
{
    if (argc >= 2 && (std::strcmp(argv[1], "snapshot") == 0 || std::strcmp(argv[1], "report") == 0)) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        return std::make_unique<QApplication>(argc, argv);
    }
    return std::make_unique<QCoreApplication>(argc, argv);
}

int runSnapshot(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QStringList views = gui::availableViewKeys();
    CommandLine cl(QStringLiteral("snapshot"),
                   QStringLiteral("Render a view of the workspace to a PNG, exactly as the window paints "
                                  "it.\nThe default period is the 90 days up to the workspace's latest "
                                  "activity, all services."));
    QCommandLineParser& p = cl.parser();
    cl.addWorkspaceOption();
    const QCommandLineOption view(QStringLiteral("view"),
                                  QStringLiteral("The view: %1.").arg(views.join(QStringLiteral(", "))),
                                  QStringLiteral("view"));
    const QCommandLineOption output(QStringLiteral("out"), QStringLiteral("PNG file to write."),
                                    QStringLiteral("file"));
    const QCommandLineOption size(QStringLiteral("size"),
                                  QStringLiteral("Image size in pixels (default 1600x900)."),
                                  QStringLiteral("WxH"));
    const QCommandLineOption theme(QStringLiteral("theme"), QStringLiteral("light (default) or dark."),
                                   QStringLiteral("theme"));
    const QCommandLineOption presentation(
        QStringLiteral("presentation"),
        QStringLiteral("Render as in presentation mode: high contrast, larger type."));
    p.addOptions({ view, output, size, theme, presentation });
    if (auto code = cl.parseOptionsOnly(args, out, err))
        return *code;
    if (!p.isSet(view))
        return cl.usageError(
            QStringLiteral("--view is required; available views: %1").arg(views.join(QStringLiteral(", "))),
            err);
    const QString key = p.value(view);
    if (!views.contains(key))
        return cl.usageError(QStringLiteral("unknown view '%1'; available views: %2")
                                 .arg(key, views.join(QStringLiteral(", "))),
                             err);
    if (!p.isSet(output))
        return cl.usageError(QStringLiteral("--out is required"), err);
    QSize imageSize(1600, 900);
    if (p.isSet(size)) {
        const auto match = QRegularExpression(QStringLiteral("^(\\d{1,5})x(\\d{1,5})$")).match(p.value(size));
        if (match.hasMatch())
            imageSize = QSize(match.captured(1).toInt(), match.captured(2).toInt());
        if (!match.hasMatch() || imageSize.width() < kMinSide || imageSize.height() < kMinSide
            || imageSize.width() > kMaxSide || imageSize.height() > kMaxSide)
            return cl.usageError(QStringLiteral("--size expects WxH with sides from %1 to %2, found '%3'")
                                     .arg(kMinSide)
                                     .arg(kMaxSide)
                                     .arg(p.value(size)),
                                 err);
    }
    gui::ThemeKind kind = gui::ThemeKind::Light;
    if (p.isSet(theme)) {
        if (p.value(theme) == QLatin1String("dark"))
            kind = gui::ThemeKind::Dark;
        else if (p.value(theme) != QLatin1String("light"))
            return cl.usageError(
                QStringLiteral("unknown --theme '%1'; expected light or dark").arg(p.value(theme)), err);
    }
    if (p.isSet(presentation))
        kind = gui::ThemeKind::HighContrast;
    if (!qobject_cast<QApplication*>(QCoreApplication::instance())) {
        err << "faultline snapshot: needs a QApplication (run it through the faultline binary)\n";
        return Failure;
    }

    const QString workspace = cl.workspace();
    if (!QFileInfo(workspace).isFile()) {
        err << "faultline snapshot: no workspace " << workspace << '\n';
        return Failure;
    }
    gui::ViewData data;
    try {
        const auto ws = store::Workspace::openReadOnly(workspace);
        data = gui::loadViewData(ws.db(), gui::FilterState {});
    } catch (const store::StoreError& e) {
        err << "faultline snapshot: " << e.what() << '\n';
        return Failure;
    } catch (const std::invalid_argument& e) {
        err << "faultline snapshot: " << e.what() << '\n';
        return Failure;
    }

    gui::initResources();
    const gui::Theme look = gui::Theme::forKind(kind);
    gui::applyTheme(look);
    const std::unique_ptr<gui::View> widget = gui::createView(key);
    widget->setTheme(look);
    widget->setReport(std::make_shared<const gui::ViewData>(std::move(data)));
    const QImage image = widget->renderToImage(imageSize);
    QImageWriter writer(p.value(output), "png");
    if (!writer.write(image)) {
        err << "faultline snapshot: cannot write " << p.value(output) << ": " << writer.errorString() << '\n';
        return Failure;
    }
    out << "wrote " << p.value(output) << " (" << image.width() << "x" << image.height() << ", " << key
        << ", " << gui::themeKindKey(kind) << ")\n";
    return Ok;
}

} // namespace faultline::cli
