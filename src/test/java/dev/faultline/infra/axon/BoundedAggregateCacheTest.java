package dev.faultline.infra.axon;

import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A cached aggregate survives only the units of work that commit. */
class BoundedAggregateCacheTest {

    @Test
    void an_entry_put_by_a_unit_of_work_that_commits_stays() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        DefaultUnitOfWork.startAndGet(null).execute(() -> cache.put("a", "v1"));
        assertThat((Object) cache.get("a")).isEqualTo("v1");
    }

    @Test
    void an_error_while_committing_evicts_what_the_unit_of_work_cached() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        cache.put("a", "v0");
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        cache.get("a"); // the command mutates the cached aggregate in place
        cache.put("b", "new");
        // an Error, not an Exception: Axon's commit does not run the rollback phase for it
        unitOfWork.onPrepareCommit(u -> {
            throw new AssertionError("append failed");
        });
        assertThatThrownBy(unitOfWork::commit).isInstanceOf(AssertionError.class);
        assertThat((Object) cache.get("a")).isNull();
        assertThat((Object) cache.get("b")).isNull();
    }

    @Test
    void a_rolled_back_unit_of_work_evicts_too() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        cache.put("a", "v1");
        unitOfWork.rollback();
        assertThat((Object) cache.get("a")).isNull();
    }
}
