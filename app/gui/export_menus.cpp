#include "export_menus.h"

#include "export/chart_image.h"
#include "export/csv_writer.h"
#include "export/table_csv.h"
#include "settings.h"
#include "views/treemap_widget.h"
#include "views/view.h"

#include <QChart>
#include <QChartView>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QMenu>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTableView>

namespace faultline::gui {

namespace {

constexpr const char* kViewProperty = "faultlineExportView";
constexpr const char* kStemProperty = "faultlineExportStem";

View* viewOf(const QWidget* target)
{
    return qobject_cast<View*>(target->property(kViewProperty).value<QObject*>());
}

// The chart's caption as the view names it; a sparkline without one gets its widget's name.
QString chartTitle(View* view, QWidget* chart)
{
    for (const ViewChart& entry : view->charts()) {
        if (entry.widget == chart)
            return entry.title;
    }
    if (auto* chartView = qobject_cast<QChartView*>(chart);
        chartView && !chartView->chart()->title().isEmpty())
        return chartView->chart()->title();
    return chart->objectName();
}

} // namespace

QString suggestedExportName(const QString& viewKey, const QString& part, const QString& extension)
{
    // "slowJobsTable" → "slow-jobs"
    QString name = part;
    name.remove(QRegularExpression(QStringLiteral("(Table|Chart|View)$")));
    name.replace(QRegularExpression(QStringLiteral("([a-z0-9])([A-Z])")), QStringLiteral("\\1-\\2"));
    name = name.toLower();
    name.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    name.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    QString base = viewKey;
    if (!name.isEmpty() && name != viewKey)
        base += QLatin1Char('-') + name;
    return base + QLatin1Char('.') + extension;
}

ExportMenus::ExportMenus(Settings* settings, QWidget* dialogParent, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_dialogParent(dialogParent)
{ }

void ExportMenus::install(View* view)
{
    for (QTableView* table : view->findChildren<QTableView*>())
        installTable(table, view->key());
    for (QChartView* chart : view->findChildren<QChartView*>())
        addChart(view, chart);
    // The one custom-painted chart; charts() cannot name it yet (the view starts empty).
    for (TreemapWidget* chart : view->findChildren<TreemapWidget*>())
        addChart(view, chart);
}

void ExportMenus::installTable(QTableView* table, const QString& fileStem)
{
    table->setProperty(kStemProperty, fileStem);
    table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(table, &QWidget::customContextMenuRequested, this, [this, table](const QPoint& pos) {
        QMenu* menu = menuFor(table, table);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(table->viewport()->mapToGlobal(pos));
    });
}

void ExportMenus::addChart(View* view, QWidget* chart)
{
    if (chart->property(kViewProperty).isValid())
        return;
    chart->setProperty(kViewProperty, QVariant::fromValue<QObject*>(view));
    chart->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(chart, &QWidget::customContextMenuRequested, this, [this, chart](const QPoint& pos) {
        QMenu* menu = menuFor(chart, chart);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(chart->mapToGlobal(pos));
    });
}

QMenu* ExportMenus::menuFor(QWidget* target, QWidget* menuParent)
{
    auto* menu = new QMenu(menuParent);
    QMenu* exportMenu = menu->addMenu(tr("&Export"));
    if (auto* table = qobject_cast<QTableView*>(target); table && table->property(kStemProperty).isValid()) {
        QAction* csv = exportMenu->addAction(tr("&CSV…"));
        csv->setObjectName(QStringLiteral("exportCsvAction"));
        csv->setStatusTip(tr("Save the rows this table shows, in its sort order, as CSV"));
        connect(csv, &QAction::triggered, this, [this, table] { exportTableInteractively(table); });
        return menu;
    }
    View* view = viewOf(target);
    if (!view)
        return menu;
    QAction* png = exportMenu->addAction(tr("&PNG image…"));
    png->setObjectName(QStringLiteral("exportPngAction"));
    QAction* svg = exportMenu->addAction(tr("&SVG vector image…"));
    svg->setObjectName(QStringLiteral("exportSvgAction"));
    connect(png, &QAction::triggered, this,
            [this, view, target] { exportChartInteractively(view, target, false); });
    connect(svg, &QAction::triggered, this,
            [this, view, target] { exportChartInteractively(view, target, true); });
    return menu;
}

QString ExportMenus::askPath(const QString& suggestedName, const QString& filter)
{
    if (m_prompt)
        return m_prompt(suggestedName, filter);
    const QString start = QDir(m_settings->lastDirectory()).filePath(suggestedName);
    const QString path = QFileDialog::getSaveFileName(m_dialogParent, tr("Export"), start, filter);
    if (!path.isEmpty())
        m_settings->setLastDirectory(QFileInfo(path).absolutePath());
    return path;
}

bool ExportMenus::exportTable(QTableView* table, const QString& path, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    try {
        exporting::TableCsvOptions options;
        options.header = table->horizontalHeader();
        exporting::writeTableCsv(*table->model(), file, options);
    } catch (const exporting::CsvWriteError& e) {
        *error = tr("Cannot write %1: %2").arg(path, QString::fromUtf8(e.what()));
        return false;
    }
    if (!file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void ExportMenus::exportTableInteractively(QTableView* table)
{
    const QString stem = table->property(kStemProperty).toString();
    const QString path = askPath(suggestedExportName(stem, table->objectName(), QStringLiteral("csv")),
                                 tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportTable(table, path, &error)) {
        Q_EMIT failed(error);
        return;
    }
    Q_EMIT exported(tr("Exported %n row(s) to %1", nullptr, table->model() ? table->model()->rowCount() : 0)
                        .arg(QDir::toNativeSeparators(path)));
}

void ExportMenus::exportChartInteractively(View* view, QWidget* chart, bool svg)
{
    const QString extension = svg ? QStringLiteral("svg") : QStringLiteral("png");
    const QString path = askPath(suggestedExportName(view->key(), chart->objectName(), extension),
                                 svg ? tr("SVG images (*.svg)") : tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    const bool ok = svg ? exporting::writeChartSvg(chart, path, chartTitle(view, chart), &error)
                        : exporting::writeChartPng(chart, path, chartTitle(view, chart), &error);
    if (!ok) {
        Q_EMIT failed(error);
        return;
    }
    Q_EMIT exported(tr("Exported the chart to %1").arg(QDir::toNativeSeparators(path)));
}

} // namespace faultline::gui
