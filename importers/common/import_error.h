#pragma once

#include <QString>

#include <stdexcept>
#include <string>

namespace faultline::importers {

// An import that cannot go on. The message is complete and names the input (file or repository)
// and the position (line, JSON path, object id) with what was expected; the CLI prints it as is.
class ImportError : public std::runtime_error
{
public:
    explicit ImportError(const QString& message)
        : std::runtime_error(message.toStdString())
    {
    }
    explicit ImportError(const std::string& message)
        : std::runtime_error(message)
    {
    }
};

// The user cancelled (Ctrl+C, Cancel button). The batch is rolled back like on any error.
class ImportCancelled : public std::runtime_error
{
public:
    ImportCancelled()
        : std::runtime_error("import cancelled; the workspace is unchanged")
    {
    }
};

} // namespace faultline::importers
