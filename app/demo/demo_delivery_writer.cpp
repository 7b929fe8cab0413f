#include "demo_delivery_writer.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <QTimeZone>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <utility>

namespace faultline::demo {

namespace {

constexpr int kIncidentsPerPage = 100; // PagerDuty's largest `limit`

const QLatin1String kCopilotLogin("Copilot");
const QLatin1String kCopilotEmail("198982749+Copilot@users.noreply.github.com");
const QLatin1String kCopilotNodeId("BOT_kgDOC9w8XQ");

// ISO-8601 UTC to the second: "2026-05-04T09:12:33Z".
QString iso(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
        .toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"));
}

// A stable id-like token for `n`: a bijective mix of the number, in base 36, upper case, padded.
QString token(std::uint64_t n, int width)
{
    const std::uint64_t mixed = (n + 1) * 0x9E3779B97F4A7C15ULL;
    return QString::number(mixed, 36).toUpper().rightJustified(width, QLatin1Char('0')).right(width);
}

void writeBytes(const QString& path, const QByteArray& bytes)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        throw std::runtime_error(QStringLiteral("cannot create the folder of %1").arg(path).toStdString());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw std::runtime_error(
            QStringLiteral("cannot write %1: %2").arg(path, file.errorString()).toStdString());
    file.write(bytes);
    if (!file.commit())
        throw std::runtime_error(
            QStringLiteral("cannot write %1: %2").arg(path, file.errorString()).toStdString());
}

class Writer
{
public:
    Writer(const Plan& plan, const std::vector<QString>& shas, const QString& dir)
        : m_plan(plan)
        , m_shas(shas)
        , m_dir(dir)
    {
        const qsizetype slash = plan.repository.indexOf(QLatin1Char('/'));
        m_owner = slash > 0 ? plan.repository.left(slash) : plan.repository;
        m_repoName = slash > 0 ? plan.repository.mid(slash + 1) : plan.repository;
        if (m_owner.isEmpty())
            m_owner = QStringLiteral("acme");
        if (m_repoName.isEmpty())
            m_repoName = m_owner;
    }

    QStringList run()
    {
        writeDeployments();
        writeIncidents();
        writePullRequests();
        return m_files;
    }

private:
    const QString& sha(int commit) const
    {
        if (commit < 0 || size_t(commit) >= m_shas.size() || size_t(commit) >= m_plan.commits.size())
            throw std::invalid_argument(
                QStringLiteral("the plan names commit %1, which has no sha").arg(commit).toStdString());
        return m_shas[size_t(commit)];
    }

    const Person& person(int index) const
    {
        if (index < 0 || size_t(index) >= m_plan.people.size())
            throw std::invalid_argument(
                QStringLiteral("the plan names person %1, who is not in it").arg(index).toStdString());
        return m_plan.people[size_t(index)];
    }

    QString path(const QString& relative) const { return QDir(m_dir).filePath(relative); }

    void put(const QString& relative, const QByteArray& bytes)
    {
        const QString file = path(relative);
        writeBytes(file, bytes);
        m_files << file;
    }

    QString repoUrl() const
    {
        return QStringLiteral("https://github.com/%1/%2.git").arg(m_owner, m_repoName);
    }

    // ---- deployments ------------------------------------------------------------------------

    static QString csvField(const QString& value)
    {
        static const QRegularExpression special(QStringLiteral("[\",\r\n]"));
        if (!value.contains(special))
            return value;
        QString quoted = value;
        quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        return QLatin1Char('"') + quoted + QLatin1Char('"');
    }

    // YAML plain scalars that a YAML reader would take for a number keep their text in quotes, as
    // Go's YAML encoder (`argocd … -o yaml`) writes them.
    static QString yamlScalar(const QString& value)
    {
        static const QRegularExpression numeric(
            QStringLiteral("^[-+]?(?:[0-9]+|[0-9]*\\.[0-9]*|[0-9]*\\.?[0-9]*[eE][-+]?[0-9]+)$"));
        if (value.isEmpty() || numeric.match(value).hasMatch())
            return QLatin1Char('"') + value + QLatin1Char('"');
        return value;
    }

    void writeDeployments()
    {
        // One Argo CD Application per service and environment, in a fixed (sorted) order.
        std::map<std::pair<QString, QString>, std::vector<int>> apps;
        std::vector<bool> inCsv(m_plan.deployments.size(), false);
        for (size_t d = 0; d < m_plan.deployments.size(); ++d) {
            const Deployment& deployment = m_plan.deployments[d];
            if (deployment.status != QLatin1String("success")
                && deployment.status != QLatin1String("failure"))
                throw std::invalid_argument(QStringLiteral("deployment %1 has status '%2'; expected success "
                                                           "or failure")
                                                .arg(deployment.id)
                                                .arg(deployment.status)
                                                .toStdString());
            if (deployment.viaArgoCd)
                apps[{ deployment.service, deployment.environment }].push_back(int(d));
            else
                inCsv[d] = true;
        }
        for (auto& [key, list] : apps) {
            // Failed syncs are no history entries: only the app's last operation can say it failed.
            std::vector<int> kept;
            for (size_t k = 0; k < list.size(); ++k) {
                const bool failed = m_plan.deployments[size_t(list[k])].status == QLatin1String("failure");
                if (failed && k + 1 < list.size())
                    inCsv[size_t(list[k])] = true;
                else
                    kept.push_back(list[k]);
            }
            list = std::move(kept);
        }

        QString csv = QStringLiteral(
            "status,deployment_id,environment,service,finished_at,started_at,commit_sha,ref,url,notes\n");
        bool anyCsv = false;
        for (size_t d = 0; d < m_plan.deployments.size(); ++d) {
            if (!inCsv[d])
                continue;
            anyCsv = true;
            const Deployment& deployment = m_plan.deployments[d];
            const QString id = QString::number(deployment.id);
            const QString& commitSha = sha(deployment.commit);
            const QStringList fields {
                deployment.status,
                id,
                deployment.environment,
                deployment.service,
                deployment.finishedMs > 0 ? iso(deployment.finishedMs) : QString(),
                iso(deployment.createdMs),
                commitSha,
                QStringLiteral("main"),
                QStringLiteral("https://deploy.%1.example/%2/r/%3").arg(m_owner, m_repoName, id),
                deployment.rollback ? QStringLiteral("Rollback to %1").arg(commitSha.left(7)) : QString(),
            };
            QStringList quoted;
            for (const QString& field : fields)
                quoted << csvField(field);
            csv += quoted.join(QLatin1Char(',')) + QLatin1Char('\n');
        }
        if (anyCsv)
            put(QStringLiteral("deployments/deployments.csv"), csv.toUtf8());

        for (const auto& [key, list] : apps) {
            if (list.empty())
                continue;
            put(QStringLiteral("deployments/argocd/%1-%2.yaml").arg(key.first, key.second),
                argoApplication(key.first, key.second, list).toUtf8());
        }
    }

    QString initiatedBy(const Deployment& deployment, const QString& indent) const
    {
        (void)sha(deployment.commit); // validates the index
        // Auto-sync deploys; a rollback is someone running `argocd app rollback`.
        if (deployment.rollback)
            return indent + QStringLiteral("initiatedBy:\n") + indent + QStringLiteral("  username: ")
                + yamlScalar(person(m_plan.commits[size_t(deployment.commit)].author).login)
                + QLatin1Char('\n');
        return indent + QStringLiteral("initiatedBy:\n") + indent + QStringLiteral("  automated: true\n");
    }

    QString sourceBlock(const QString& sourcePath, const QString& indent) const
    {
        return indent + QStringLiteral("path: ") + sourcePath + QLatin1Char('\n') + indent
            + QStringLiteral("repoURL: ") + repoUrl() + QLatin1Char('\n') + indent
            + QStringLiteral("targetRevision: main\n");
    }

    QString argoApplication(const QString& service, const QString& environment,
                            const std::vector<int>& list) const
    {
        const QString sourcePath = QStringLiteral("services/%1/deploy/%2").arg(service, environment);
        const Deployment& last = m_plan.deployments[size_t(list.back())];
        const bool lastFailed = last.status == QLatin1String("failure");
        std::vector<int> history = list;
        if (lastFailed)
            history.pop_back();

        QString y;
        y += QStringLiteral("apiVersion: argoproj.io/v1alpha1\n");
        y += QStringLiteral("kind: Application\n");
        y += QStringLiteral("metadata:\n");
        y += QStringLiteral("  labels:\n");
        y += QStringLiteral("    app.kubernetes.io/instance: %1-apps\n").arg(m_repoName);
        y += QStringLiteral("    app.kubernetes.io/name: %1\n").arg(service);
        y += QStringLiteral("  name: %1\n").arg(service);
        // Applications in any namespace: one Application per environment under the service's name.
        y += QStringLiteral("  namespace: %1\n").arg(environment);
        y += QStringLiteral("spec:\n");
        y += QStringLiteral("  destination:\n");
        y += QStringLiteral("    namespace: %1\n").arg(environment);
        y += QStringLiteral("    server: https://kubernetes.default.svc\n");
        y += QStringLiteral("  project: %1\n").arg(m_repoName);
        // The whole history is exported: the limit is raised above the default of 10.
        y += QStringLiteral("  revisionHistoryLimit: %1\n").arg(std::max<size_t>(10, history.size()));
        y += QStringLiteral("  source:\n") + sourceBlock(sourcePath, QStringLiteral("    "));
        y += QStringLiteral("  syncPolicy:\n");
        y += QStringLiteral("    automated:\n");
        y += QStringLiteral("      prune: true\n");
        y += QStringLiteral("status:\n");
        y += QStringLiteral("  health:\n");
        y += QStringLiteral("    status: %1\n")
                 .arg(lastFailed ? QStringLiteral("Degraded") : QStringLiteral("Healthy"));
        if (!history.empty()) {
            y += QStringLiteral("  history:\n");
            for (size_t k = 0; k < history.size(); ++k) {
                const Deployment& deployment = m_plan.deployments[size_t(history[k])];
                y += QStringLiteral("    - deployStartedAt: \"%1\"\n").arg(iso(deployment.createdMs));
                y += QStringLiteral("      deployedAt: \"%1\"\n").arg(iso(deployment.finishedMs));
                y += QStringLiteral("      id: %1\n").arg(k);
                y += initiatedBy(deployment, QStringLiteral("      "));
                y += QStringLiteral("      revision: %1\n").arg(yamlScalar(sha(deployment.commit)));
                y += QStringLiteral("      source:\n") + sourceBlock(sourcePath, QStringLiteral("        "));
            }
        }
        const QString lastSha = yamlScalar(sha(last.commit));
        y += QStringLiteral("  operationState:\n");
        y += QStringLiteral("    finishedAt: \"%1\"\n").arg(iso(last.finishedMs));
        y += QStringLiteral("    message: %1\n")
                 .arg(lastFailed
                          ? QStringLiteral("one or more synchronization tasks completed unsuccessfully")
                          : QStringLiteral("successfully synced (all tasks run)"));
        y += QStringLiteral("    operation:\n");
        y += initiatedBy(last, QStringLiteral("      "));
        y += QStringLiteral("      retry:\n");
        y += QStringLiteral("        limit: 5\n");
        y += QStringLiteral("      sync:\n");
        y += QStringLiteral("        prune: true\n");
        y += QStringLiteral("        revision: %1\n").arg(lastSha);
        y += QStringLiteral("    phase: %1\n")
                 .arg(lastFailed ? QStringLiteral("Failed") : QStringLiteral("Succeeded"));
        y += QStringLiteral("    startedAt: \"%1\"\n").arg(iso(last.createdMs));
        y += QStringLiteral("    syncResult:\n");
        y += QStringLiteral("      resources:\n");
        y += QStringLiteral("        - group: apps\n");
        y += QStringLiteral("          kind: Deployment\n");
        y += QStringLiteral("          message: %1\n")
                 .arg(lastFailed ? QStringLiteral("the Deployment did not become healthy")
                                 : QStringLiteral("deployment.apps/%1 configured").arg(service));
        y += QStringLiteral("          name: %1\n").arg(service);
        y += QStringLiteral("          namespace: %1\n").arg(environment);
        y += QStringLiteral("          status: %1\n")
                 .arg(lastFailed ? QStringLiteral("SyncFailed") : QStringLiteral("Synced"));
        y += QStringLiteral("          syncPhase: Sync\n");
        y += QStringLiteral("          version: v1\n");
        y += QStringLiteral("      revision: %1\n").arg(lastSha);
        y += QStringLiteral("      source:\n") + sourceBlock(sourcePath, QStringLiteral("        "));
        y += QStringLiteral("  reconciledAt: \"%1\"\n").arg(iso(last.finishedMs));
        y += QStringLiteral("  sourceType: Kustomize\n");
        y += QStringLiteral("  sync:\n");
        y += QStringLiteral("    revision: %1\n").arg(lastSha);
        y += QStringLiteral("    status: %1\n")
                 .arg(lastFailed ? QStringLiteral("OutOfSync") : QStringLiteral("Synced"));
        return y;
    }

    // ---- incidents --------------------------------------------------------------------------

    QString pagerDutyBase() const { return QStringLiteral("https://%1.pagerduty.com").arg(m_owner); }

    QJsonObject reference(const char* type, const char* collection, const QString& id, const QString& summary,
                          bool htmlUrl = true) const
    {
        QJsonObject r;
        r.insert(QStringLiteral("id"), id);
        r.insert(QStringLiteral("type"), QString::fromLatin1(type));
        r.insert(QStringLiteral("summary"), summary);
        r.insert(QStringLiteral("self"),
                 QStringLiteral("https://api.pagerduty.com/%1/%2").arg(QString::fromLatin1(collection), id));
        if (htmlUrl) {
            const QString page = QString::fromLatin1(collection) == QLatin1String("services")
                ? QStringLiteral("service-directory")
                : QString::fromLatin1(collection);
            r.insert(QStringLiteral("html_url"), QStringLiteral("%1/%2/%3").arg(pagerDutyBase(), page, id));
        } else {
            r.insert(QStringLiteral("html_url"), QJsonValue(QJsonValue::Null));
        }
        return r;
    }

    QJsonObject serviceRef(const QString& service) const
    {
        const auto index = m_plan.services.indexOf(service);
        const QString id = QLatin1Char('P') + token(std::uint64_t(index < 0 ? 1000 : index) + 5000, 6);
        return reference("service_reference", "services", id, service);
    }

    QJsonObject userRef(int personIndex) const
    {
        return reference("user_reference", "users",
                         QLatin1Char('P') + token(std::uint64_t(personIndex) + 7000, 6),
                         person(personIndex).name);
    }

    QJsonObject logEntry(const Incident& incident, const QString& incidentId, const char* type, int serial,
                         std::int64_t atMs, const QString& summary, const QJsonValue& agent,
                         const char* channel) const
    {
        QJsonObject e;
        const QString id
            = QLatin1Char('R') + token(std::uint64_t(incident.id) * 8 + std::uint64_t(serial), 13);
        e.insert(QStringLiteral("id"), id);
        e.insert(QStringLiteral("type"), QString::fromLatin1(type));
        e.insert(QStringLiteral("summary"), summary);
        e.insert(QStringLiteral("self"),
                 QString(QStringLiteral("https://api.pagerduty.com/log_entries/") + id));
        e.insert(QStringLiteral("html_url"), QJsonValue(QJsonValue::Null));
        e.insert(QStringLiteral("created_at"), iso(atMs));
        if (!agent.isNull())
            e.insert(QStringLiteral("agent"), agent);
        QJsonObject ch;
        ch.insert(QStringLiteral("type"), QString::fromLatin1(channel));
        e.insert(QStringLiteral("channel"), ch);
        e.insert(QStringLiteral("incident"),
                 reference("incident_reference", "incidents", incidentId,
                           QStringLiteral("[#%1] %2").arg(incident.number).arg(incident.title)));
        e.insert(QStringLiteral("teams"), QJsonArray());
        return e;
    }

    QJsonObject incidentJson(const Incident& incident) const
    {
        const QString id = QLatin1Char('Q') + token(std::uint64_t(incident.id), 13);
        // The engineer on call: the same rotation for a given incident number.
        const int onCall = m_plan.people.empty() ? -1 : int(size_t(incident.number) % m_plan.people.size());
        const QString status = incident.resolvedMs > 0 ? QStringLiteral("resolved")
            : incident.acknowledgedMs > 0              ? QStringLiteral("acknowledged")
                                                       : QStringLiteral("triggered");
        const std::int64_t lastChange = incident.resolvedMs > 0 ? incident.resolvedMs
            : incident.acknowledgedMs > 0                       ? incident.acknowledgedMs
                                                                : incident.createdMs;
        const QJsonObject service = serviceRef(incident.service);
        const QJsonValue onCallRef = onCall >= 0 ? QJsonValue(userRef(onCall)) : QJsonValue(QJsonValue::Null);

        QJsonObject i;
        i.insert(QStringLiteral("id"), id);
        i.insert(QStringLiteral("type"), QStringLiteral("incident"));
        i.insert(QStringLiteral("incident_number"), incident.number);
        i.insert(QStringLiteral("title"), incident.title);
        i.insert(QStringLiteral("description"), incident.title);
        i.insert(QStringLiteral("summary"),
                 QStringLiteral("[#%1] %2").arg(incident.number).arg(incident.title));
        i.insert(QStringLiteral("created_at"), iso(incident.createdMs));
        i.insert(QStringLiteral("updated_at"), iso(lastChange));
        i.insert(QStringLiteral("status"), status);
        i.insert(QStringLiteral("incident_key"),
                 QStringLiteral("%1-%2").arg(incident.service).arg(incident.number));
        i.insert(QStringLiteral("service"), service);
        i.insert(QStringLiteral("assignments"), QJsonArray());
        i.insert(QStringLiteral("assigned_via"), QStringLiteral("escalation_policy"));
        i.insert(QStringLiteral("last_status_change_at"), iso(lastChange));
        if (incident.resolvedMs > 0)
            i.insert(QStringLiteral("resolved_at"), iso(incident.resolvedMs));
        else
            i.insert(QStringLiteral("resolved_at"), QJsonValue(QJsonValue::Null));
        i.insert(QStringLiteral("last_status_change_by"),
                 lastChange == incident.createdMs ? QJsonValue(service) : onCallRef);
        i.insert(QStringLiteral("first_trigger_log_entry"),
                 reference("trigger_log_entry_reference", "log_entries",
                           QLatin1Char('R') + token(std::uint64_t(incident.id) * 8, 13),
                           QStringLiteral("Triggered through the API.")));
        i.insert(QStringLiteral("escalation_policy"),
                 reference("escalation_policy_reference", "escalation_policies",
                           QLatin1Char('P') + token(9000, 6), QStringLiteral("%1 on-call").arg(m_repoName)));
        i.insert(QStringLiteral("teams"), QJsonArray());
        i.insert(QStringLiteral("pending_actions"), QJsonArray());
        // PagerDuty lists only the current acknowledgers: a resolved incident has none left; its
        // acknowledgement stays in the log entries.
        QJsonArray acknowledgements;
        if (status == QLatin1String("acknowledged") && onCall >= 0) {
            QJsonObject a;
            a.insert(QStringLiteral("at"), iso(incident.acknowledgedMs));
            a.insert(QStringLiteral("acknowledger"), onCallRef);
            acknowledgements.append(a);
        }
        i.insert(QStringLiteral("acknowledgements"), acknowledgements);
        i.insert(QStringLiteral("urgency"), incident.urgency);
        i.insert(QStringLiteral("priority"), QJsonValue(QJsonValue::Null));
        i.insert(QStringLiteral("alert_counts"),
                 QJsonObject { { QStringLiteral("all"), 1 },
                               { QStringLiteral("triggered"), incident.resolvedMs > 0 ? 0 : 1 },
                               { QStringLiteral("resolved"), incident.resolvedMs > 0 ? 1 : 0 } });
        i.insert(QStringLiteral("is_mergeable"), true);
        i.insert(QStringLiteral("self"),
                 QString(QStringLiteral("https://api.pagerduty.com/incidents/") + id));
        i.insert(QStringLiteral("html_url"), QStringLiteral("%1/incidents/%2").arg(pagerDutyBase(), id));

        // The incident's log, newest first as PagerDuty lists it (as DevLake's collector embeds it).
        QJsonArray log;
        const QString who = onCall >= 0 ? person(onCall).name : QString();
        if (incident.resolvedMs > 0)
            log.append(logEntry(incident, id, "resolve_log_entry", 3, incident.resolvedMs,
                                QStringLiteral("Resolved by %1.").arg(who), onCallRef, "website"));
        if (incident.acknowledgedMs > 0)
            log.append(logEntry(incident, id, "acknowledge_log_entry", 2, incident.acknowledgedMs,
                                QStringLiteral("Acknowledged by %1.").arg(who), onCallRef, "website"));
        log.append(logEntry(incident, id, "trigger_log_entry", 0, incident.createdMs,
                            QStringLiteral("Triggered through the API."), service, "api"));
        i.insert(QStringLiteral("log_entries"), log);
        return i;
    }

    void writeIncidents()
    {
        const auto& incidents = m_plan.incidents;
        for (size_t offset = 0; offset < incidents.size(); offset += kIncidentsPerPage) {
            QJsonArray page;
            const size_t end = std::min(incidents.size(), offset + kIncidentsPerPage);
            for (size_t k = offset; k < end; ++k)
                page.append(incidentJson(incidents[k]));
            QJsonObject root;
            root.insert(QStringLiteral("incidents"), page);
            root.insert(QStringLiteral("limit"), kIncidentsPerPage);
            root.insert(QStringLiteral("offset"), qint64(offset));
            root.insert(QStringLiteral("total"), QJsonValue(QJsonValue::Null));
            root.insert(QStringLiteral("more"), end < incidents.size());
            put(QStringLiteral("incidents/pagerduty_incidents_%1.json")
                    .arg(offset / kIncidentsPerPage + 1, 3, 10, QLatin1Char('0')),
                QJsonDocument(root).toJson(QJsonDocument::Indented));
        }
    }

    // ---- pull requests ----------------------------------------------------------------------

    QString userId(int personIndex) const
    {
        return QStringLiteral("U_kgDO") + token(std::uint64_t(personIndex) + 11000, 7);
    }

    QJsonObject userJson(int personIndex) const
    {
        const Person& p = person(personIndex);
        return { { QStringLiteral("id"), userId(personIndex) },
                 { QStringLiteral("is_bot"), false },
                 { QStringLiteral("login"), p.login },
                 { QStringLiteral("name"), p.name } };
    }

    static QJsonObject copilotJson()
    {
        // The Copilot coding agent as its pull requests and commits name it (AI_MARKERS.md CP1).
        return { { QStringLiteral("id"), QString(kCopilotNodeId) },
                 { QStringLiteral("is_bot"), true },
                 { QStringLiteral("login"), QString(kCopilotLogin) },
                 { QStringLiteral("name"), QString(kCopilotLogin) } };
    }

    QJsonObject commitAuthor(int personIndex, const QString& name) const
    {
        const Person& p = person(personIndex);
        return { { QStringLiteral("email"), p.email },
                 { QStringLiteral("id"), userId(personIndex) },
                 { QStringLiteral("login"), p.login },
                 { QStringLiteral("name"), name } };
    }

    // The message body as the commit carries it: the planned body and the marker's trailer.
    QString messageBody(const Commit& c) const
    {
        QString trailer;
        switch (c.marker) {
        case AiMarker::ClaudeTrailer:
            trailer = QStringLiteral("Co-Authored-By: Claude <noreply@anthropic.com>");
            break;
        case AiMarker::ClaudeModelTrailer:
            trailer = QStringLiteral("Co-Authored-By: Claude Sonnet 4.5 <noreply@anthropic.com>");
            break;
        case AiMarker::CopilotAgent:
            trailer = QStringLiteral("Co-authored-by: %1 <%2>")
                          .arg(person(c.author).name, person(c.author).email);
            break;
        case AiMarker::CursorTrailer:
            trailer = QStringLiteral("Co-authored-by: Cursor <cursoragent@cursor.com>");
            break;
        case AiMarker::AssistedBy:
            trailer = QStringLiteral("Assisted-by: Claude:claude-sonnet-4-5");
            break;
        case AiMarker::None:
        case AiMarker::Aider:
        case AiMarker::GitAiNote:
            break;
        }
        if (trailer.isEmpty())
            return c.body;
        return c.body.isEmpty() ? trailer : c.body + QStringLiteral("\n\n") + trailer;
    }

    QJsonObject commitJson(int index) const
    {
        const Commit& c = m_plan.commits[size_t(index)];
        QJsonArray authors;
        if (c.marker == AiMarker::CopilotAgent) {
            QJsonObject bot = copilotJson();
            bot.remove(QStringLiteral("is_bot"));
            bot.insert(QStringLiteral("email"), QString(kCopilotEmail));
            authors.append(bot);
            authors.append(commitAuthor(c.author, person(c.author).name));
        } else if (c.marker == AiMarker::Aider) {
            authors.append(commitAuthor(c.author, person(c.author).name + QStringLiteral(" (aider)")));
        } else {
            authors.append(commitAuthor(c.author, person(c.author).name));
        }
        return { { QStringLiteral("authoredDate"), iso(c.authoredMs) },
                 { QStringLiteral("authors"), authors },
                 { QStringLiteral("committedDate"), iso(c.committedMs) },
                 { QStringLiteral("messageBody"), messageBody(c) },
                 { QStringLiteral("messageHeadline"), c.subject },
                 { QStringLiteral("oid"), sha(index) } };
    }

    QJsonObject reviewJson(const PullRequest& pr, size_t r) const
    {
        const Review& review = pr.reviews[r];
        // The PR's head when the review was submitted.
        int reviewed = pr.commits.front();
        for (int c : pr.commits) {
            if (m_plan.commits[size_t(c)].committedMs <= review.atMs)
                reviewed = c;
        }
        QString body;
        if (review.state == QLatin1String("CHANGES_REQUESTED"))
            body = QStringLiteral("A few things to fix before this goes in.");
        else if (review.state == QLatin1String("COMMENTED"))
            body = QStringLiteral("Left some comments.");
        return { { QStringLiteral("author"),
                   QJsonObject { { QStringLiteral("login"), person(review.reviewer).login } } },
                 { QStringLiteral("authorAssociation"), QStringLiteral("MEMBER") },
                 { QStringLiteral("body"), body },
                 { QStringLiteral("commit"), QJsonObject { { QStringLiteral("oid"), sha(reviewed) } } },
                 { QStringLiteral("id"),
                   QString(QStringLiteral("PRR_kwDO") + token(std::uint64_t(pr.number) * 64 + r, 13)) },
                 { QStringLiteral("includesCreatedEdit"), false },
                 { QStringLiteral("reactionGroups"), QJsonArray() },
                 { QStringLiteral("state"), review.state },
                 { QStringLiteral("submittedAt"), iso(review.atMs) } };
    }

    QJsonObject pullJson(const PullRequest& pr) const
    {
        if (pr.commits.empty())
            throw std::invalid_argument(
                QStringLiteral("pull request #%1 has no commits; every planned PR is merged")
                    .arg(pr.number)
                    .toStdString());
        std::int64_t additions = 0;
        std::int64_t deletions = 0;
        QSet<QString> files;
        QJsonArray commits;
        for (int c : pr.commits) {
            const Commit& commit = m_plan.commits[size_t(c)];
            (void)sha(c);
            for (const FileChange& change : commit.changes) {
                additions += change.addCount;
                deletions += change.removeCount;
                files.insert(change.path);
            }
            commits.append(commitJson(c));
        }
        QJsonArray reviews;
        QJsonArray latest;
        std::map<int, size_t> latestOf; // reviewer → their last review
        for (size_t r = 0; r < pr.reviews.size(); ++r) {
            reviews.append(reviewJson(pr, r));
            auto [it, added] = latestOf.try_emplace(pr.reviews[r].reviewer, r);
            if (!added && pr.reviews[r].atMs >= pr.reviews[it->second].atMs)
                it->second = r;
        }
        std::vector<size_t> latestOrder;
        for (const auto& [reviewer, r] : latestOf)
            latestOrder.push_back(r);
        std::sort(latestOrder.begin(), latestOrder.end(), [&](size_t a, size_t b) {
            return std::pair(pr.reviews[a].atMs, a) < std::pair(pr.reviews[b].atMs, b);
        });
        bool approved = false;
        for (size_t r : latestOrder) {
            latest.append(reviewJson(pr, r));
            approved = approved || pr.reviews[r].state == QLatin1String("APPROVED");
        }
        const QString head = sha(pr.commits.back());
        QJsonObject p;
        p.insert(QStringLiteral("additions"), qint64(additions));
        p.insert(QStringLiteral("author"), pr.byCopilotAgent ? copilotJson() : userJson(pr.author));
        p.insert(QStringLiteral("baseRefName"), QStringLiteral("main"));
        p.insert(QStringLiteral("body"), pr.body);
        p.insert(QStringLiteral("changedFiles"), qint64(files.size()));
        p.insert(QStringLiteral("closedAt"), iso(pr.mergedMs));
        p.insert(QStringLiteral("commits"), commits);
        p.insert(QStringLiteral("createdAt"), iso(pr.createdMs));
        p.insert(QStringLiteral("deletions"), qint64(deletions));
        p.insert(QStringLiteral("headRefName"), pr.branch);
        p.insert(QStringLiteral("headRefOid"), head);
        p.insert(QStringLiteral("isDraft"), false);
        p.insert(QStringLiteral("labels"), QJsonArray());
        p.insert(QStringLiteral("latestReviews"), latest);
        // Merged fast-forward (rebase): the merge commit GitHub reports is the branch's last commit.
        p.insert(QStringLiteral("mergeCommit"), QJsonObject { { QStringLiteral("oid"), head } });
        p.insert(QStringLiteral("mergedAt"), iso(pr.mergedMs));
        p.insert(QStringLiteral("mergedBy"), userJson(pr.author));
        p.insert(QStringLiteral("number"), pr.number);
        p.insert(QStringLiteral("reviewDecision"), approved ? QStringLiteral("APPROVED") : QString());
        p.insert(QStringLiteral("reviews"), reviews);
        p.insert(QStringLiteral("state"), QStringLiteral("MERGED"));
        p.insert(QStringLiteral("title"), pr.title);
        p.insert(QStringLiteral("updatedAt"), iso(pr.mergedMs));
        p.insert(QStringLiteral("url"),
                 QStringLiteral("https://github.com/%1/%2/pull/%3").arg(m_owner, m_repoName).arg(pr.number));
        return p;
    }

    void writePullRequests()
    {
        if (m_plan.pulls.empty())
            return;
        // gh lists the newest first.
        std::vector<size_t> order(m_plan.pulls.size());
        for (size_t k = 0; k < order.size(); ++k)
            order[k] = k;
        std::sort(order.begin(), order.end(),
                  [&](size_t a, size_t b) { return m_plan.pulls[a].number > m_plan.pulls[b].number; });
        QJsonArray list;
        for (size_t k : order)
            list.append(pullJson(m_plan.pulls[k]));
        put(QStringLiteral("pull-requests/gh_pr_list.json"),
            QJsonDocument(list).toJson(QJsonDocument::Indented));
    }

    const Plan& m_plan;
    const std::vector<QString>& m_shas;
    QString m_dir;
    QString m_owner;
    QString m_repoName;
    QStringList m_files;
};

} // namespace

QStringList writeDeliveryExports(const Plan& plan, const std::vector<QString>& shas, const QString& dir)
{
    return Writer(plan, shas, dir).run();
}

QStringList incidentLinkMismatches(const Plan& plan)
{
    QStringList problems;
    for (const Incident& incident : plan.incidents) {
        const int found = linkedDeployment(plan, incident);
        const int planned = incident.causedBy >= 0 && size_t(incident.causedBy) < plan.deployments.size()
            ? incident.causedBy
            : -1;
        if (found != planned)
            problems
                << QStringLiteral("incident #%1 (%2): planned cause %3, the linker finds %4")
                       .arg(incident.number)
                       .arg(incident.service)
                       .arg(planned >= 0
                                ? QStringLiteral("deployment %1").arg(plan.deployments[size_t(planned)].id)
                                : QStringLiteral("none"))
                       .arg(found >= 0
                                ? QStringLiteral("deployment %1").arg(plan.deployments[size_t(found)].id)
                                : QStringLiteral("none"));
    }
    return problems;
}

} // namespace faultline::demo
