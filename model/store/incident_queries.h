#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace faultline::store {

class SqliteDatabase;

// What the repeat-incident metric reads (METRICS.md "Repeat incidents"): every incident with its
// stored fingerprint and the deployments the linker linked it to, and for those deployments only,
// their changeset commits with line counts and changed files.

struct IncidentFact
{
    std::int64_t id = 0;
    QString key; // what people call it: display key, else the source's id
    QString service; // '' when the source names none
    QString title;
    std::int64_t createdAt = 0;
    std::optional<std::int64_t> resolvedAt;
    // fingerprints.normalized; nullopt for an incident written without one.
    std::optional<QString> fingerprint;
    std::vector<std::int64_t> deploymentIds; // incident_deployment links, ascending
};

struct ChangeCommitFact
{
    std::int64_t id = 0;
    QString sha;
    std::int64_t aiLines = 0;
    std::int64_t addedLines = 0;
    QStringList files; // commit_files.path, sorted
};

struct LinkedDeploymentFact
{
    std::int64_t id = 0;
    QString externalId;
    QString service;
    std::vector<std::int64_t> commitIds; // changeset commits of an imported history, ascending
};

struct IncidentFacts
{
    std::vector<IncidentFact> incidents; // by id
    std::vector<LinkedDeploymentFact> deployments; // linked ones only, by id
    std::vector<ChangeCommitFact> commits; // their changeset commits, by id

    // nullptr when absent (binary search over the id-sorted vectors).
    const LinkedDeploymentFact* deployment(std::int64_t id) const;
    const ChangeCommitFact* commit(std::int64_t id) const;
};

// Every incident (a repeat looks back at earlier ones, from any time); the linked deployments, their
// commits and files only for incidents created in [fromMs, toMs), the ones a report lists.
IncidentFacts loadIncidentFacts(const SqliteDatabase& db, std::optional<std::int64_t> fromMs = std::nullopt,
                                std::optional<std::int64_t> toMs = std::nullopt);

} // namespace faultline::store
