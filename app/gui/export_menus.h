#pragma once

#include <QObject>
#include <QString>

#include <functional>

class QMenu;
class QPoint;
class QTableView;
class QWidget;

namespace faultline::gui {

class Settings;
class View;

// Export ▸ CSV on every table and Export ▸ PNG / SVG on every chart of the views, from the context
// menu (right-click, or the Menu key / Shift+F10 on the focused table). A table exports what it shows:
// its columns, its sort and the active filters (they decided the rows).
class ExportMenus : public QObject
{
    Q_OBJECT

public:
    // Asks where to save: (suggested file name, file-dialog filter) → path, empty when cancelled.
    using PathPrompt = std::function<QString(const QString& suggestedName, const QString& filter)>;

    ExportMenus(Settings* settings, QWidget* dialogParent, QObject* parent = nullptr);

    // Adds the menus to every table and chart `view` has (they exist from construction on).
    void install(View* view);
    // A table outside the views (the import log): `fileStem` starts the suggested file name.
    void installTable(QTableView* table, const QString& fileStem);
    // Tests answer the save dialog themselves.
    void setPathPrompt(PathPrompt prompt) { m_prompt = std::move(prompt); }

    // The menu a right-click on `target` (a table or a chart of an installed view) opens.
    QMenu* menuFor(QWidget* target, QWidget* menuParent);

    bool exportTable(QTableView* table, const QString& path, QString* error) const;
    // The save dialog (or the tests' prompt), starting in the remembered directory.
    QString askPath(const QString& suggestedName, const QString& filter);

Q_SIGNALS:
    void exported(const QString& message);
    void failed(const QString& message);

private:
    void addChart(View* view, QWidget* chart);
    void exportTableInteractively(QTableView* table);
    void exportChartInteractively(View* view, QWidget* chart, bool svg);

    Settings* m_settings;
    QWidget* m_dialogParent;
    PathPrompt m_prompt;
};

// "pipeline-slow-jobs.csv": a file name from the view and the widget's name, kept to [a-z0-9-].
QString suggestedExportName(const QString& viewKey, const QString& part, const QString& extension);

} // namespace faultline::gui
