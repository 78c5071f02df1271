#include "profiles/secret_store.h"

#include <qt6keychain/keychain.h>

namespace kafkascope {

namespace {
const QString kService = QStringLiteral("Kafkascope");
}

SecretStore::SecretStore(QObject *parent)
    : SecretStore(qEnvironmentVariableIntValue("KAFKASCOPE_NO_KEYCHAIN") ? Mode::MemoryOnly
                                                                         : Mode::Keychain,
                  parent)
{
}

SecretStore::SecretStore(Mode mode, QObject *parent) : QObject(parent), m_mode(mode)
{
    if (m_mode == Mode::MemoryOnly)
        m_lastError = QStringLiteral("the OS keychain is disabled (KAFKASCOPE_NO_KEYCHAIN)");
}

void SecretStore::fallBack(const QString &reason)
{
    if (m_mode == Mode::MemoryOnly)
        return;
    m_mode = Mode::MemoryOnly;
    m_lastError = reason;
    emit fellBackToMemory(reason);
}

void SecretStore::read(const QString &account, ReadDone done)
{
    if (m_memory.contains(account) || m_mode == Mode::MemoryOnly) {
        const bool found = m_memory.contains(account);
        done(found, m_memory.value(account));
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [this, job, account, done](QKeychain::Job *) {
        if (job->error() == QKeychain::NoError) {
            m_memory.insert(account, job->binaryData());
            done(true, job->binaryData());
        } else if (job->error() == QKeychain::EntryNotFound) {
            done(false, {});
        } else {
            fallBack(job->errorString());
            done(false, {});
        }
    });
    job->start();
}

void SecretStore::write(const QString &account, const QByteArray &payload, WriteDone done)
{
    m_memory.insert(account, payload);
    if (m_mode == Mode::MemoryOnly) {
        if (done)
            done(false);
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(account);
    job->setBinaryData(payload);
    connect(job, &QKeychain::Job::finished, this, [this, job, done](QKeychain::Job *) {
        const bool ok = job->error() == QKeychain::NoError;
        if (!ok)
            fallBack(job->errorString());
        if (done)
            done(ok);
    });
    job->start();
}

void SecretStore::remove(const QString &account)
{
    m_memory.remove(account);
    if (m_mode == Mode::MemoryOnly)
        return;
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(account);
    job->start();
}

} // namespace kafkascope
