// Stores: the service's durable state by area, handed together to every store job, which runs
// inside one transaction (store_worker.hpp): a request that touches several areas (a publish,
// an exchange, a retract) is atomic. The service sees only these interfaces; the SQLite
// implementations are in sqlite_*_store.hpp.
#pragma once

#include "component/store/backup_store.hpp"
#include "component/store/delivery_store.hpp"
#include "component/store/set_store.hpp"
#include "component/store/token_store.hpp"

namespace cardex::component::store {

struct Stores {
    DeliveryStore& deliveries;
    SetStore& sets;
    TokenStore& tokens;
    BackupStore& backups;
};

}  // namespace cardex::component::store
