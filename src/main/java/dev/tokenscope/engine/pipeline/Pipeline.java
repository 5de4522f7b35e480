package dev.tokenscope.engine.pipeline;

import dev.tokenscope.engine.check.AlgorithmCheck;
import dev.tokenscope.engine.check.AudienceCheck;
import dev.tokenscope.engine.check.AudienceShapeCheck;
import dev.tokenscope.engine.check.Check;
import dev.tokenscope.engine.check.ClientCapabilitiesCheck;
import dev.tokenscope.engine.check.ClientCheck;
import dev.tokenscope.engine.check.FormatCheck;
import dev.tokenscope.engine.check.GroupOverageCheck;
import dev.tokenscope.engine.check.IssuerCheck;
import dev.tokenscope.engine.check.LifetimeCheck;
import dev.tokenscope.engine.check.ManagedIdentityCheck;
import dev.tokenscope.engine.check.PermissionsCheck;
import dev.tokenscope.engine.check.PopBindingCheck;
import dev.tokenscope.engine.check.TenantCheck;
import dev.tokenscope.engine.check.TokenTypeCheck;
import dev.tokenscope.engine.check.VersionCheck;
import dev.tokenscope.engine.check.TrustChecks;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one validation pipeline: every check, in order. {@code inspect} runs it whole for one token; {@code verify}
 * schedules the same checks by {@link Check.Stage}, reusing an outcome only for tokens that agree on what the check
 * {@linkplain Check#reads() declares it reads} and sending a token the whole way when a check declares nothing.
 * To add a rule: write a {@link Check}, declare its stage and reads, and add it here; both faces and the batch run it.
 */
public record Pipeline(List<Check> checks) {
    /** Step-less checks of what a token tells you beyond its verdict (warn/info diagnoses); claims only, no time. */
    public static final List<Check> NOTICES = List.of(new GroupOverageCheck(), new AudienceShapeCheck(), new ManagedIdentityCheck(),
            new ClientCapabilitiesCheck());

    public Pipeline {
        checks = List.copyOf(checks);
    }

    public static Pipeline standard() {
        List<Check> checks = new ArrayList<>();
        checks.add(new FormatCheck());
        checks.add(new AlgorithmCheck());
        checks.addAll(TrustChecks.all());
        checks.add(new PopBindingCheck());
        checks.add(new IssuerCheck());
        checks.add(new AudienceCheck());
        checks.add(new LifetimeCheck());
        checks.add(new TokenTypeCheck());
        checks.add(new VersionCheck());
        checks.add(new TenantCheck());
        checks.add(new ClientCheck());
        checks.add(new PermissionsCheck());
        checks.addAll(NOTICES);
        return new Pipeline(checks);
    }

    /** This pipeline with {@code extra} appended (an extension, or a test's own rule). */
    public Pipeline with(Check extra) {
        List<Check> c = new ArrayList<>(checks);
        c.add(extra);
        return new Pipeline(c);
    }

    /** The checks of the given stages, in pipeline order. */
    public List<Check> stage(Check.Stage... stages) {
        Set<Check.Stage> s = stages.length == 0 ? EnumSet.noneOf(Check.Stage.class) : EnumSet.of(stages[0], stages);
        return checks.stream().filter(c -> s.contains(c.stage())).toList();
    }

    /**
     * The claims whose values some check of the given stages reads; null when one of them declares nothing (then no
     * outcome of those stages can be reused).
     */
    public Set<String> claimValuesRead(Check.Stage... stages) {
        Set<String> all = new HashSet<>();
        for (Check c : stage(stages)) {
            if (!c.reads().known()) return null;
            all.addAll(c.reads().claimValues());
        }
        return Set.copyOf(all);
    }

    /**
     * Claims whose values some check of the given stages reads only when another claim is present: trigger → claims.
     * Empty when there are none; meaningless when {@link #claimValuesRead} is null.
     */
    public java.util.Map<String, Set<String>> conditionalReads(Check.Stage... stages) {
        java.util.Map<String, Set<String>> all = java.util.Map.of();
        for (Check c : stage(stages)) all = Check.Reads.merged(all, c.reads().whenPresent());
        return all;
    }
}
