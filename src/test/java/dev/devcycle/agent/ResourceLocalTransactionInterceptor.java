package dev.devcycle.agent;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityTransaction;
import jakarta.transaction.Transactional;

/**
 * {@code @Transactional} (REQUIRED) for Weld SE tests: a resource-local transaction on the thread's entity manager
 * and a {@link ThreadTransactions} transaction around it, completed after the database commit or rollback, as a JTA
 * transaction manager completes its synchronizations. Same priority as the platform's interceptor, so the cache
 * interceptors run inside it as on Liberty.
 */
@Transactional
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 200)
public class ResourceLocalTransactionInterceptor {

    @Inject
    ThreadEntityManagers entityManagers;

    @AroundInvoke
    Object around(InvocationContext ic) throws Exception {
        ThreadTransactions registry = ThreadTransactions.INSTANCE;
        if (registry.active()) {
            return ic.proceed();
        }
        EntityTransaction tx = entityManagers.current().getTransaction();
        tx.begin();
        registry.begin();
        Object result;
        try {
            result = ic.proceed();
        } catch (Exception | Error e) {
            if (tx.isActive()) {
                tx.rollback();
            }
            registry.complete(false);
            throw e;
        }
        if (registry.getRollbackOnly()) {
            tx.rollback();
            registry.complete(false);
            return result;
        }
        try {
            tx.commit();
        } catch (RuntimeException e) {
            registry.complete(false);
            throw e;
        }
        registry.complete(true);
        return result;
    }
}
