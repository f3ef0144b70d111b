/**
 * Step 3: compare a client's current list with the central list, as a pure function.
 *
 * <p>{@link io.patchbay.plan.UpdatePlan} and {@link io.patchbay.plan.PlannedFile} are output, made
 * by {@link io.patchbay.plan.Planner}: their accessors are API, their canonical constructors and
 * record patterns are not, and a release may add a component (see {@link io.patchbay.report}).
 */
package io.patchbay.plan;
