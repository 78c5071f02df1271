#pragma once
// Reads a Java client.properties (the file kafka-console-* tools take) into a profile,
// translating Java-only settings to librdkafka's and saying what it could not carry over.

#include "profiles/connection_profile.h"

#include <QStringList>

namespace kafkascope {

struct ClientPropertiesImport
{
    ConnectionProfile profile;
    QStringList warnings; // one sentence per setting that was dropped or needs attention
    QString error;        // set when the file could not be read at all
};

// Parses java.util.Properties syntax: '=' or ':' separators, '#'/'!' comments,
// backslash line continuations and escapes.
QList<QPair<QString, QString>> parseJavaProperties(const QString &text);

ClientPropertiesImport importClientProperties(const QString &text);
ClientPropertiesImport importClientPropertiesFile(const QString &path);

} // namespace kafkascope
