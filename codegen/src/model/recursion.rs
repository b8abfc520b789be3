//! Breaking cycles: a type that contains itself directly (not through a `Vec` or a map) would have
//! infinite size, so every such edge inside a cycle is boxed.

use super::{Model, Ty, TypeId, TypeKind};

/// The named types a type contains directly (by value, `Option` included).
fn direct_edges(ty: &Ty, out: &mut Vec<TypeId>) {
    match ty {
        Ty::Named { id, .. } => out.push(*id),
        Ty::Nullable(inner) => direct_edges(inner, out),
        _ => {}
    }
}

fn edges_of(kind: &TypeKind) -> Vec<TypeId> {
    let mut out = Vec::new();
    match kind {
        TypeKind::Struct(s) => s.fields.iter().for_each(|f| direct_edges(&f.ty, &mut out)),
        TypeKind::Union(u) => u.variants.iter().for_each(|v| direct_edges(&v.ty, &mut out)),
        TypeKind::Alias(ty) => direct_edges(ty, &mut out),
        TypeKind::StringEnum(_) | TypeKind::IntegerEnum(_) => {}
    }
    out
}

/// Marks `boxed` on every direct reference between two types of one strongly connected component
/// (a type that leads back to itself).
pub fn box_cycles(model: &mut Model) {
    let graph: Vec<Vec<TypeId>> = model.types.iter().map(|d| edges_of(&d.kind)).collect();
    let component = strongly_connected(&graph);
    for (i, targets) in graph.iter().enumerate() {
        for &target in targets {
            if component.get(i) != component.get(target.0) {
                continue;
            }
            if let Some(def) = model.types.get_mut(i) {
                let mark = |ty: &mut Ty| mark_boxed(ty, target);
                match &mut def.kind {
                    TypeKind::Struct(s) => s.fields.iter_mut().for_each(|f| mark(&mut f.ty)),
                    TypeKind::Union(u) => u.variants.iter_mut().for_each(|v| mark(&mut v.ty)),
                    TypeKind::Alias(ty) => mark(ty),
                    _ => {}
                }
            }
        }
    }
}

/// Kosaraju's algorithm, iteratively (deep specs must not overflow the stack): the component
/// number of every node.
fn strongly_connected(graph: &[Vec<TypeId>]) -> Vec<usize> {
    let n = graph.len();
    let mut order = Vec::with_capacity(n);
    let mut visited = vec![false; n];
    for start in 0..n {
        if visited[start] {
            continue;
        }
        visited[start] = true;
        let mut stack = vec![(start, 0usize)];
        while let Some((node, next)) = stack.pop() {
            match graph[node].get(next) {
                Some(&TypeId(child)) => {
                    stack.push((node, next + 1));
                    if child < n && !visited[child] {
                        visited[child] = true;
                        stack.push((child, 0));
                    }
                }
                None => order.push(node),
            }
        }
    }
    let mut reverse = vec![Vec::new(); n];
    for (from, targets) in graph.iter().enumerate() {
        for &TypeId(to) in targets {
            if to < n {
                reverse[to].push(from);
            }
        }
    }
    let mut component = vec![usize::MAX; n];
    let mut count = 0;
    for &start in order.iter().rev() {
        if component[start] != usize::MAX {
            continue;
        }
        component[start] = count;
        let mut stack = vec![start];
        while let Some(node) = stack.pop() {
            for &prev in &reverse[node] {
                if component[prev] == usize::MAX {
                    component[prev] = count;
                    stack.push(prev);
                }
            }
        }
        count += 1;
    }
    component
}

fn mark_boxed(ty: &mut Ty, target: TypeId) {
    match ty {
        Ty::Named { id, boxed } if *id == target => *boxed = true,
        Ty::Nullable(inner) => mark_boxed(inner, target),
        _ => {}
    }
}
