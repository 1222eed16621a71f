package dev.asyncdb.calcite.modify;

import dev.asyncdb.calcite.SqlColumn;
import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A write statement on a resource table, in the enumerable convention: its input rows go to a
 * {@link ResourceModification} that applies them through the engine, and it returns the row count.
 */
public final class ResourceTableModify extends TableModify implements EnumerableRel {
  private static final Method COUNT = Types.lookupMethod(ResourceModification.class, "count", Enumerable.class);
  private static final Method COUNT_ROW = Types.lookupMethod(ResourceModification.class, "countRow", Enumerable.class);

  ResourceTableModify(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, Prepare.CatalogReader catalogReader, RelNode input,
      Operation operation, List<String> updateColumnList, List<RexNode> sourceExpressionList, boolean flattened) {
    super(cluster, traits, table, catalogReader, input, operation, updateColumnList, sourceExpressionList, flattened);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new ResourceTableModify(getCluster(), traitSet, getTable(), getCatalogReader(), sole(inputs), getOperation(), getUpdateColumnList(),
        getSourceExpressionList(), isFlattened());
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    Expression rows = builder.append("rows", input.block);
    if (input.physType.getFormat() != JavaRowFormat.ARRAY) {
      rows = builder.append("arrayRows", input.physType.convertTo(rows, JavaRowFormat.ARRAY));
    }
    Expression modification = implementor.stash(modification(), ResourceModification.class);
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), pref.prefer(JavaRowFormat.SCALAR));
    Method method = physType.getFormat() == JavaRowFormat.ARRAY ? COUNT_ROW : COUNT;
    builder.add(Expressions.return_(null, Expressions.call(modification, method, rows)));
    return implementor.result(physType, builder.toBlock());
  }

  private ResourceModification modification() {
    ResourceTable table = getTable().unwrap(ResourceTable.class);
    List<SqlColumn> columns = table.columns();
    List<String> names = getUpdateColumnList() == null ? List.of() : getUpdateColumnList();
    int[] updated = new int[names.size()];
    for (int k = 0; k < updated.length; k++) {
      updated[k] = indexOf(columns, names.get(k));
    }
    List<RelDataTypeField> fields = getInput().getRowType().getFieldList();
    boolean[] padded = new boolean[fields.size()];
    for (int i = 0; i < padded.length; i++) {
      padded[i] = fields.get(i).getType().getSqlTypeName() == SqlTypeName.CHAR;
    }
    return new ResourceModification(table, getOperation(), updated, padded);
  }

  private static int indexOf(List<SqlColumn> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException("no column " + name);
  }
}
